package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.CompiledFilter;
import io.hookstream.routing.CompiledTransform;
import io.hookstream.routing.TransformBindings;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.TransformException;
import io.hookstream.routing.internal.CompiledRoute.Decision;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ConnectionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compiles a connection's filters and transform into a {@link CompiledRoute}: filters first
 * (AND-combined), then the transform, whose JSON result is delivered as {@code application/json}. A
 * transform that errors, times out, or produces no result (JSONata undefined) fails that delivery
 * without retry. Thread-safe.
 */
public final class RouteCompiler implements Function<ConnectionRecord, CompiledRoute> {

  private static final String JSON = "application/json";

  private final TransformEngine transforms;

  public RouteCompiler(TransformEngine transforms) {
    this.transforms = transforms;
  }

  @Override
  public CompiledRoute apply(ConnectionRecord connection) {
    CompiledFilter filter = CompiledFilter.compile(connection.filterRulesJson());
    if (!connection.transformEnabled() || connection.transformExpression() == null) {
      return e -> filter.matches(e.filterInput()) ? Decision.ORIGINAL : Decision.SKIP;
    }
    CompiledTransform transform;
    try {
      transform = transforms.compile(connection.transformExpression());
    } catch (HookstreamException e) {
      // Checked at write time; a stored expression that no longer compiles fails each delivery.
      Decision failed =
          new Decision.TransformFailed("transform does not compile: " + e.getMessage());
      return ev -> filter.matches(ev.filterInput()) ? failed : Decision.SKIP;
    }
    return e -> filter.matches(e.filterInput()) ? transform(transform, e) : Decision.SKIP;
  }

  private static Decision transform(CompiledTransform transform, RoutedEvent e) {
    try {
      Optional<JsonNode> result = transform.apply(e.json(), TransformBindings.of(e.event()));
      if (result.isEmpty()) {
        return new Decision.TransformFailed(
            "transform produced no result (JSONata undefined) for this event");
      }
      return new Decision.Deliver(Json.write(result.get()).getBytes(StandardCharsets.UTF_8), JSON);
    } catch (TransformException ex) {
      return new Decision.TransformFailed(ex.getMessage());
    }
  }
}
