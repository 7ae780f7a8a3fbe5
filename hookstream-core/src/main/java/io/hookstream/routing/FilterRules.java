package io.hookstream.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.internal.FieldPath;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code filter_rules} array of a connection. Parsing checks every rule and
 * reports all problems at once; {@link #toJson} writes the canonical form ({@code op}, never {@code
 * operator}). Stateless and thread-safe.
 */
public final class FilterRules {

  private static final String PREFIX = "filter_rules";

  private FilterRules() {}

  /**
   * Parses a JSON array of rules {@code [{"field", "op" or "operator", "value"}]}. A null or JSON
   * null node means no rules.
   *
   * @throws HookstreamException VALIDATION_FAILED (422) naming every invalid field, such as {@code
   *     filter_rules.0.op}
   */
  public static List<FilterRule> parse(JsonNode rules) {
    if (rules == null || rules.isNull() || rules.isMissingNode()) {
      return List.of();
    }
    if (!rules.isArray()) {
      throw HookstreamException.invalid(PREFIX, "must be an array of filter rules");
    }
    List<FilterRule> parsed = new ArrayList<>(rules.size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      parseRule(rules.get(i), PREFIX + "." + i, errors).ifPresent(parsed::add);
    }
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
    return List.copyOf(parsed);
  }

  /**
   * Parses stored JSON text (as in {@code ConnectionRecord.filterRulesJson}); null or blank means
   * no rules.
   *
   * @throws HookstreamException VALIDATION_FAILED if the text is not JSON or a rule is invalid
   */
  public static List<FilterRule> parse(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw HookstreamException.invalid(PREFIX, "is not valid JSON: " + e.getOriginalMessage());
    }
    return parse(node);
  }

  /** The canonical JSON array for storage and API responses: {@code [{"field","op","value"}]}. */
  public static ArrayNode toJson(List<FilterRule> rules) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(rules.size());
    for (FilterRule rule : rules) {
      ObjectNode node = array.addObject();
      node.put("field", rule.field());
      node.put("op", rule.op().wireName());
      node.set("value", rule.value());
    }
    return array;
  }

  /** {@link #toJson} as JSON text. */
  public static String toJsonText(List<FilterRule> rules) {
    return Json.write(toJson(rules));
  }

  private static Optional<FilterRule> parseRule(JsonNode rule, String at, List<FieldError> errors) {
    if (rule == null || !rule.isObject()) {
      errors.add(new FieldError(at, "must be an object with field, op and value"));
      return Optional.empty();
    }
    int before = errors.size();
    String field = parseField(rule.get("field"), at + ".field", errors);
    FilterOperator op = parseOperator(rule, at + ".op", errors);
    JsonNode value = rule.get("value");
    if (op != null) {
      checkValue(op, value, at + ".value", errors);
    }
    if (errors.size() != before) {
      return Optional.empty();
    }
    return Optional.of(new FilterRule(field, op, value));
  }

  private static String parseField(JsonNode field, String at, List<FieldError> errors) {
    if (field == null || field.isNull()) {
      errors.add(new FieldError(at, "is required"));
      return null;
    }
    if (!field.isTextual()) {
      errors.add(new FieldError(at, "must be a string path such as payload.data.status"));
      return null;
    }
    Optional<String> problem = FieldPath.problem(field.textValue());
    problem.ifPresent(p -> errors.add(new FieldError(at, p)));
    return field.textValue();
  }

  private static FilterOperator parseOperator(JsonNode rule, String at, List<FieldError> errors) {
    JsonNode op = rule.get("op");
    JsonNode operator = rule.get("operator");
    if (op != null && operator != null && !op.equals(operator)) {
      errors.add(new FieldError(at, "op and operator disagree; give one of them"));
      return null;
    }
    JsonNode given = op != null ? op : operator;
    if (given == null || given.isNull()) {
      errors.add(new FieldError(at, "is required; one of " + FilterOperator.WIRE_NAMES));
      return null;
    }
    if (!given.isTextual()) {
      errors.add(new FieldError(at, "must be a string; one of " + FilterOperator.WIRE_NAMES));
      return null;
    }
    Optional<FilterOperator> known = FilterOperator.fromWireName(given.textValue());
    if (known.isEmpty()) {
      errors.add(
          new FieldError(
              at,
              "unknown operator '"
                  + given.textValue()
                  + "'; expected one of "
                  + FilterOperator.WIRE_NAMES));
      return null;
    }
    return known.get();
  }

  private static void checkValue(
      FilterOperator op, JsonNode value, String at, List<FieldError> errors) {
    String problem = valueProblem(op, value);
    if (problem != null) {
      errors.add(new FieldError(at, problem));
    }
  }

  /** Why {@code value} does not suit {@code op}, or null when it does. */
  static String valueProblem(FilterOperator op, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "is required for operator " + op;
    }
    if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
      return "must be a finite number"; // a mapper without BigDecimal reads 1e400 as Infinity
    }
    return switch (op) {
      case GT, GTE, LT, LTE -> value.isNumber() ? null : "must be a number for operator " + op;
      case CONTAINS -> value.isTextual() ? null : "must be a string for operator " + op;
      case EXISTS -> value.isBoolean() ? null : "must be true or false for operator " + op;
      case EQ, NEQ ->
          isScalar(value) ? null : "must be a string, number, boolean or null for operator " + op;
      case IN -> inProblem(value);
    };
  }

  private static String inProblem(JsonNode value) {
    if (!value.isArray()) {
      return "must be an array for operator in";
    }
    for (JsonNode element : value) {
      if (!isScalar(element)) {
        return "must be an array of strings, numbers, booleans or nulls for operator in";
      }
    }
    return null;
  }

  private static boolean isScalar(JsonNode value) {
    return value.isTextual() || value.isNumber() || value.isBoolean() || value.isNull();
  }
}
