package io.hookstream.testsession;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request a test session recorded, as it arrived: method, path, headers (names lower case),
 * query, content type, client IP and raw body; the provider its headers identify (such as {@code
 * stripe}, else null), the status the session answered, the user's note, and the forwarding outcome
 * (null until there is one). Immutable: {@link #body()} returns a copy.
 */
public record TestEvent(
    String id,
    String sessionId,
    String method,
    String path,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    String contentType,
    String sourceIp,
    byte[] body,
    Instant receivedAt,
    String provider,
    int responseStatus,
    String note,
    ForwardResult forward) {

  public TestEvent {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
