package io.hookstream.routing.internal;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the plain Java values dashjoin JSONata evaluates: maps, lists,
 * strings, booleans, Integer/Long/Double numbers (as dashjoin's own JSON parser produces), null for
 * JSON null in input and {@link Jsonata#NULL_VALUE} for JSON null in output. Stateless.
 */
final class JsonataValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Doubles below 2^53 that are whole numbers are written as integers, as JavaScript prints them.
  private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

  private JsonataValues() {}

  /** The dashjoin input value for {@code node}: null (undefined) for a missing node. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    if (node.isNull()) {
      return Jsonata.NULL_VALUE;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>(node.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          map.put(field.getKey(), toJava(field.getValue()));
        }
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(toJava(element)));
        yield list;
      }
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> number(node);
      default -> node.asText(); // binary or POJO nodes never come from parsed JSON
    };
  }

  private static Number number(JsonNode node) {
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) {
        return node.intValue();
      }
      return node.canConvertToLong() ? node.longValue() : node.doubleValue();
    }
    if (node.isBigDecimal() && isWholeInt(node.decimalValue())) {
      return node.decimalValue().intValue(); // 1e3 parses as a decimal; dashjoin reads it as 1000
    }
    return node.doubleValue();
  }

  private static boolean isWholeInt(BigDecimal d) {
    return (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)
        && d.compareTo(INT_MIN) >= 0
        && d.compareTo(INT_MAX) <= 0;
  }

  /**
   * The JSON tree for a dashjoin result, or null when the value is undefined (Java null, or a
   * function, which JSON cannot hold). {@code guard} bounds the time spent: a lazy range such as
   * {@code [1..10000000]} is cheap to evaluate but large to write out.
   *
   * @throws IllegalArgumentException for a non-finite number
   */
  static JsonNode toJson(Object value, RunawayGuard guard) {
    guard.tick();
    if (value == null || isFunction(value)) {
      return null;
    }
    if (value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (k, v) -> {
            // The object constructor never stores undefined, but dashjoin's $clone (used by the
            // transform operator) reads JSON null back as Java null: a null value is JSON null.
            JsonNode node = v == null ? NODES.nullNode() : toJson(v, guard);
            if (node != null) { // functions drop out, as in JSON.stringify
              object.set(String.valueOf(k), node);
            }
          });
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object element : list) {
        JsonNode node = toJson(element, guard);
        array.add(node == null ? NODES.nullNode() : node);
      }
      return array;
    }
    return NODES.textNode(value.toString());
  }

  private static boolean isFunction(Object value) {
    return value instanceof Jsonata.JFunction
        || value.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$");
  }

  private static JsonNode number(Number n) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return NODES.numberNode(n.intValue());
    }
    if (n instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (n instanceof BigInteger bi) {
      return NODES.numberNode(bi);
    }
    if (n instanceof BigDecimal bd) {
      return NODES.numberNode(bd);
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("number " + d + " cannot be written as JSON");
    }
    if (d == Math.rint(d) && Math.abs(d) < MAX_EXACT_INTEGER) {
      return NODES.numberNode((long) d);
    }
    return NODES.numberNode(d);
  }
}
