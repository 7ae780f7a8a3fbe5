package io.hookstream.spi;

import java.util.Objects;

/** One invalid input field: its name (a dot path such as {@code filter_rules.0.op}) and why. */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
