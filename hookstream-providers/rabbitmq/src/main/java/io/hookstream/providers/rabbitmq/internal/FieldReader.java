package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a config field by field, collecting one error per invalid field instead of stopping at the
 * first. Not thread-safe: one per parse.
 */
final class FieldReader {

  private final Map<String, Object> config;
  private final List<FieldError> errors = new ArrayList<>();

  FieldReader(Map<String, Object> config) {
    this.config = config == null ? Map.of() : config;
  }

  List<FieldError> errors() {
    return List.copyOf(errors);
  }

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** A non-blank string; null (and an error) when missing or of another type. */
  String required(String field) {
    if (config.get(field) == null) {
      error(field, "is required");
      return null;
    }
    return optional(field);
  }

  /** A string, or null when absent; an error when present but not a non-blank string. */
  String optional(String field) {
    Object value = config.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      error(field, "must be a non-empty string");
      return null;
    }
    return s.strip();
  }

  /** A string that may be empty (a fanout exchange ignores the routing key); required. */
  String requiredAllowEmpty(String field) {
    Object value = config.get(field);
    if (value == null) {
      error(field, "is required (use \"\" for none)");
      return null;
    }
    if (!(value instanceof String s)) {
      error(field, "must be a string");
      return null;
    }
    return s;
  }

  /** A number from {@code min} to {@code max}, or absent. */
  void numberBetween(String field, long min, long max) {
    Object value = config.get(field);
    if (value != null
        && (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max)) {
      error(field, "must be a number from " + min + " to " + max);
    }
  }
}
