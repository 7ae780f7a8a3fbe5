package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hookstream.routing.FilterInput;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compiled filter field path. {@code payload.} and {@code body.} read the JSON body, {@code
 * headers.<name>} the first value of a header (any case), and the whole paths {@code method},
 * {@code content_type} and {@code source_ip} the envelope; any other path is read from the body.
 * Numeric segments index arrays. {@link #read} returns null for a missing value and a {@code
 * NullNode} for JSON null. Immutable and thread-safe.
 */
public abstract class FieldPath {

  FieldPath() {}

  /** The value at this path, or null when it is missing. */
  public abstract JsonNode read(FilterInput input);

  /** Compiles a path that {@link #problem} accepts. */
  public static FieldPath compile(String path) {
    problem(path)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("invalid field path '" + path + "': " + p);
            });
    String[] segments = path.split("\\.", -1);
    switch (segments[0]) {
      case "payload", "body":
        return new BodyPath(Arrays.copyOfRange(segments, 1, segments.length));
      case "headers":
        return new HeaderPath(path.substring("headers.".length()));
      default:
        break;
    }
    if (segments.length == 1) {
      switch (path) {
        case "method":
          return new EnvelopePath(FilterInput::method);
        case "content_type":
          return new EnvelopePath(FilterInput::contentType);
        case "source_ip":
          return new EnvelopePath(FilterInput::sourceIp);
        default:
          break;
      }
    }
    return new BodyPath(segments);
  }

  /** Why {@code path} is not a valid field path, or empty when it is. */
  public static Optional<String> problem(String path) {
    if (path == null || path.isBlank()) {
      return Optional.of("must be a non-empty path such as payload.data.status");
    }
    String[] segments = path.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment in '" + path + "'");
      }
    }
    if (segments[0].equals("headers") && segments.length == 1) {
      return Optional.of("must name a header, such as headers.x-github-event");
    }
    return Optional.empty();
  }

  /** A path into the JSON body; each segment is an object key or, on arrays, an index. */
  static final class BodyPath extends FieldPath {
    private final String[] keys;
    private final int[] indexes;

    BodyPath(String[] keys) {
      this.keys = keys;
      this.indexes = new int[keys.length];
      for (int i = 0; i < keys.length; i++) {
        indexes[i] = arrayIndex(keys[i]);
      }
    }

    @Override
    public JsonNode read(FilterInput input) {
      JsonNode node = input.body();
      for (int i = 0; i < keys.length && node != null; i++) {
        if (node.isObject()) {
          node = node.get(keys[i]);
        } else if (node.isArray() && indexes[i] >= 0) {
          node = node.get(indexes[i]);
        } else {
          return null;
        }
      }
      return node;
    }

    private static int arrayIndex(String segment) {
      if (segment.length() > 9) {
        return -1;
      }
      for (int i = 0; i < segment.length(); i++) {
        if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
          return -1;
        }
      }
      return Integer.parseInt(segment);
    }
  }

  /** The first value of one header, matched case-insensitively. */
  static final class HeaderPath extends FieldPath {
    private final String name;

    HeaderPath(String name) {
      this.name = name.toLowerCase(Locale.ROOT);
    }

    @Override
    public JsonNode read(FilterInput input) {
      List<String> values = input.headers().get(name);
      if (values == null) {
        values = scan(input.headers());
      }
      return values == null || values.isEmpty() ? null : TextNode.valueOf(values.get(0));
    }

    // Headers should arrive lower-cased; a caller-built map may not be.
    private List<String> scan(Map<String, List<String>> headers) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  /** One string field of the envelope (method, content type, source IP). */
  static final class EnvelopePath extends FieldPath {
    private final Function<FilterInput, String> getter;

    EnvelopePath(Function<FilterInput, String> getter) {
      this.getter = getter;
    }

    @Override
    public JsonNode read(FilterInput input) {
      String value = getter.apply(input);
      return value == null ? null : TextNode.valueOf(value);
    }
  }
}
