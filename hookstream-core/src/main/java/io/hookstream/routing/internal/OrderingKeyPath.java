package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Hashing;
import io.hookstream.internal.Json;
import io.hookstream.routing.FilterInput;

/**
 * A connection's ordering key: the text its tasks are keyed by, read from the event at a filter
 * field path. A string is its own text; numbers, booleans, objects and arrays are their JSON text.
 * Missing or JSON null is no key (the task is delivered unordered). Text longer than {@link
 * #MAX_LENGTH} is replaced by its SHA-256, so that any value fits the task's index. Immutable.
 */
public final class OrderingKeyPath {

  /** The longest key stored as is. */
  static final int MAX_LENGTH = 200;

  private static final OrderingKeyPath NONE = new OrderingKeyPath(null);

  private final FieldPath path;

  private OrderingKeyPath(FieldPath path) {
    this.path = path;
  }

  /** The key at {@code path}; none when it is null or (stored before it was checked) invalid. */
  public static OrderingKeyPath of(String path) {
    return path == null || FieldPath.problem(path).isPresent()
        ? NONE
        : new OrderingKeyPath(FieldPath.compile(path));
  }

  /** The event's key, or null when it has no value at the path. */
  public String read(FilterInput input) {
    JsonNode value = path == null ? null : path.read(input);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String text = value.isTextual() ? value.textValue() : Json.write(value);
    return text.length() <= MAX_LENGTH ? text : "sha256:" + Hashing.sha256Hex(text);
  }
}
