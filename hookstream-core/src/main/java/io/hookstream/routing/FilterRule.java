package io.hookstream.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.routing.internal.FieldPath;
import io.hookstream.spi.HookstreamException;
import java.util.Objects;
import java.util.Optional;

/**
 * One content-based filter rule: a dot-notation field path, an operator and a value, as stored and
 * as the API shows it. The value stays a Jackson {@link JsonNode} so that it round-trips to storage
 * exactly (1000 stays 1000, big numbers keep their digits); evaluation never reads it, because
 * {@link CompiledFilter} converts it once into plain Java values. Immutable: the value is copied in
 * and out.
 *
 * @throws HookstreamException VALIDATION_FAILED from the constructor when the path is empty or the
 *     value does not suit the operator (the same checks as {@link FilterRules#parse})
 */
public record FilterRule(String field, FilterOperator op, JsonNode value) {

  public FilterRule {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    Optional<String> pathProblem = FieldPath.problem(field);
    if (pathProblem.isPresent()) {
      throw HookstreamException.invalid("field", pathProblem.get());
    }
    String valueProblem = FilterRules.valueProblem(op, value);
    if (valueProblem != null) {
      throw HookstreamException.invalid("value", valueProblem);
    }
    value = value.deepCopy();
  }

  /**
   * A copy of the rule's value (use {@link com.fasterxml.jackson.databind.node.NullNode} for null).
   */
  @Override
  public JsonNode value() {
    return value.deepCopy();
  }
}
