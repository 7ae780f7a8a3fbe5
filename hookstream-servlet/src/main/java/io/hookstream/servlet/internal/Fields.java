package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Typed reads of a JSON object body. Each {@code read...} call takes the field's accepted spellings
 * (canonical first); when one is present it checks the JSON type and hands the value (null for JSON
 * null) to the consumer. A wrong type is collected as a field error, and {@link #throwIfInvalid()}
 * reports them all in one 422. Absent fields are not passed on, so a PATCH changes only what it
 * names; unknown fields are ignored. Not thread-safe.
 */
final class Fields {

  private final ObjectNode node;
  private final List<FieldError> errors = new ArrayList<>();

  Fields(ObjectNode node) {
    this.node = node;
  }

  /** The first of {@code names} present in the body (even as null), or null. */
  String present(String... names) {
    for (String n : names) {
      if (node.has(n)) {
        return n;
      }
    }
    return null;
  }

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  void readText(Consumer<String> to, String... names) {
    read(
        to,
        names,
        (n, v) -> v.isTextual() ? Optional.of(v.textValue()) : invalid(n, "must be a string", v));
  }

  void readInt(Consumer<Integer> to, String... names) {
    read(to, names, (n, v) -> Optional.ofNullable(integer(n, v)));
  }

  void readNumber(Consumer<Double> to, String... names) {
    read(
        to,
        names,
        (n, v) -> {
          if (!v.isNumber()) {
            return invalid(n, "must be a number", v);
          }
          if (Double.isInfinite(v.doubleValue())) {
            error(n, "is too large");
            return Optional.empty();
          }
          return Optional.of(v.doubleValue());
        });
  }

  void readBool(Consumer<Boolean> to, String... names) {
    read(
        to,
        names,
        (n, v) ->
            v.isBoolean() ? Optional.of(v.booleanValue()) : invalid(n, "must be true or false", v));
  }

  /** An array of strings, or (when {@code csv}) also a comma-separated string. */
  void readTextList(Consumer<List<String>> to, boolean csv, String... names) {
    read(
        to,
        names,
        (n, v) -> {
          if (csv && v.isTextual()) {
            return Optional.of(
                Arrays.stream(v.textValue().split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList());
          }
          if (!v.isArray()) {
            return invalid(
                n, "must be an array of strings" + (csv ? " or a comma-separated string" : ""), v);
          }
          return elements(
              n,
              v,
              (at, e) ->
                  e.isTextual() ? Optional.of(e.textValue()) : invalid(at, "must be a string", e));
        });
  }

  void readIntList(Consumer<List<Integer>> to, String... names) {
    read(
        to,
        names,
        (n, v) ->
            v.isArray()
                ? elements(n, v, (at, e) -> Optional.ofNullable(integer(at, e)))
                : invalid(n, "must be an array of integers", v));
  }

  /** A JSON object as plain maps and lists. */
  void readObject(Consumer<Map<String, Object>> to, String... names) {
    read(
        to,
        names,
        (n, v) -> v.isObject() ? Optional.of(asMap(v)) : invalid(n, "must be an object", v));
  }

  /** A JSON object whose values are all strings (HTTP headers). */
  void readTextMap(Consumer<Map<String, String>> to, String... names) {
    read(
        to,
        names,
        (n, v) -> {
          if (!v.isObject()) {
            return invalid(n, "must be an object of strings", v);
          }
          Map<String, String> out = new LinkedHashMap<>();
          boolean ok = true;
          for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isTextual()) {
              out.put(e.getKey(), e.getValue().textValue());
            } else {
              invalid(n + "." + e.getKey(), "must be a string", e.getValue());
              ok = false;
            }
          }
          return ok ? Optional.of(out) : Optional.empty();
        });
  }

  /**
   * JSON given either as an object (or array) or as a string holding JSON text; handed on as JSON
   * text. {@code json_schema} is sent both ways in the docs.
   */
  void readJsonText(Consumer<String> to, String... names) {
    read(
        to,
        names,
        (n, v) ->
            v.isContainerNode()
                ? Optional.of(JsonIo.text(v))
                : v.isTextual()
                    ? Optional.of(v.textValue())
                    : invalid(n, "must be a JSON object or a string of JSON", v));
  }

  /** A JSON array, handed on as JSON text. */
  void readArrayText(Consumer<String> to, String... names) {
    read(
        to,
        names,
        (n, v) -> v.isArray() ? Optional.of(JsonIo.text(v)) : invalid(n, "must be an array", v));
  }

  /** Throws one 422 naming every field with a wrong type. */
  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
  }

  /** Reads the first present spelling: null passes as null, else {@code convert} decides. */
  private <T> void read(
      Consumer<? super T> to, String[] names, BiFunction<String, JsonNode, Optional<T>> convert) {
    String name = present(names);
    if (name == null) {
      return;
    }
    JsonNode v = node.get(name);
    if (v.isNull()) {
      to.accept(null);
    } else {
      convert.apply(name, v).ifPresent(to);
    }
  }

  /** Every element converted, or empty (with the bad ones named {@code name.i}). */
  private <T> Optional<List<T>> elements(
      String name, JsonNode array, BiFunction<String, JsonNode, Optional<T>> convert) {
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      Optional<T> e = convert.apply(name + "." + i, array.get(i));
      ok &= e.isPresent();
      e.ifPresent(out::add);
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /** Records "{@code message}, got <kind>" for {@code name}; always empty. */
  private <T> Optional<T> invalid(String name, String message, JsonNode got) {
    error(name, message + ", got " + kind(got));
    return Optional.empty();
  }

  private Integer integer(String name, JsonNode v) {
    if (!v.isNumber()) {
      error(name, "must be an integer, got " + kind(v));
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      error(name, "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
      return null;
    }
    return v.intValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode object) {
    return JsonIo.MAPPER.convertValue(object, Map.class);
  }

  static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
