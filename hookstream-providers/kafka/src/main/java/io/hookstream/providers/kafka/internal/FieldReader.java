package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a config field by field, collecting an error that names each invalid field instead of
 * stopping at the first. Not thread-safe: one per parse.
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

  boolean has(String field) {
    return config.get(field) != null;
  }

  /** A non-blank string; null (and an error) when missing or of another type. */
  String required(String field) {
    if (!has(field)) {
      error(field, "is required");
      return null;
    }
    return optional(field);
  }

  /** A non-blank string, or null when absent; an error when of another type or blank. */
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

  /** One of {@code choices} (upper case, {@code -} for {@code _} accepted), or null when absent. */
  String choice(String field, List<String> choices) {
    String value = optional(field);
    if (value == null) {
      return null;
    }
    String upper = value.toUpperCase(Locale.ROOT).replace('_', '-');
    for (String choice : choices) {
      if (choice.replace('_', '-').equals(upper)) {
        return choice;
      }
    }
    error(field, "must be one of " + String.join(", ", choices));
    return null;
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
