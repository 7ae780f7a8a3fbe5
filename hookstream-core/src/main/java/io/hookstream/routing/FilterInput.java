package io.hookstream.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.spi.store.EventRecord;
import java.util.List;
import java.util.Map;

/**
 * The view of one event that filters read: the body parsed as JSON (null when the body is empty or
 * not JSON, so every body path is missing), headers (names lower case), method, content type and
 * client IP. Immutable as long as the caller does not change the body node.
 */
public record FilterInput(
    JsonNode body,
    Map<String, List<String>> headers,
    String method,
    String contentType,
    String sourceIp) {

  public FilterInput {
    headers = headers == null ? Map.of() : headers;
  }

  /** The view of a stored event whose body the caller has already parsed (null if not JSON). */
  public static FilterInput of(EventRecord event, JsonNode body) {
    return new FilterInput(
        body, event.headers(), event.method(), event.contentType(), event.sourceIp());
  }

  /** A view with only a body, for topics and tests. */
  public static FilterInput ofBody(JsonNode body) {
    return new FilterInput(body, Map.of(), null, null, null);
  }
}
