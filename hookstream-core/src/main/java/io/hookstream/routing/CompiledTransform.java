package io.hookstream.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A parsed transform expression, ready to run against many events. Safe for concurrent use; each
 * call runs on the calling thread under the engine's time and depth limits.
 */
public interface CompiledTransform {

  /** The expression text this was compiled from. */
  String expression();

  /**
   * Evaluates the expression with {@code body} as its input ({@code $}); a null {@code body} (empty
   * or non-JSON body) is JSONata's undefined input.
   *
   * @return the result, {@code NullNode} for a JSON null result, or empty when the expression
   *     produced no result (JSONata undefined)
   * @throws TransformException when evaluation fails, runs past the time limit or recurses past the
   *     depth limit
   */
  Optional<JsonNode> apply(JsonNode body, TransformBindings bindings);
}
