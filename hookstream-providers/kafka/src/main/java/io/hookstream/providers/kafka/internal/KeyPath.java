package io.hookstream.providers.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a record's key comes from: a dotted field path into the JSON body ({@code data.order_id}, a
 * leading {@code $.} allowed), or the event id when no path is set or the body has no value there
 * (so records of one event always land in one partition). Immutable.
 */
public record KeyPath(List<String> segments) {

  /** The default: the event id. */
  public static final KeyPath EVENT_ID = new KeyPath(List.of());

  private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The path written in a config; {@link #EVENT_ID} when absent, null when malformed. */
  static KeyPath parse(String text) {
    if (text == null) {
      return EVENT_ID;
    }
    String path = text.startsWith("$.") ? text.substring(2) : text;
    return PATH.matcher(path).matches() ? new KeyPath(List.of(path.split("\\."))) : null;
  }

  /** The key for {@code body}: the text at the path (JSON text for objects and arrays). */
  public String keyOf(byte[] body, String eventId) {
    if (segments.isEmpty()) {
      return eventId;
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return eventId; // not JSON: no field to read
    }
    for (String segment : segments) {
      if (node == null) {
        return eventId;
      }
      node =
          node.isArray() && segment.matches("\\d+")
              ? node.get(Integer.parseInt(segment))
              : node.get(segment);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return eventId;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
