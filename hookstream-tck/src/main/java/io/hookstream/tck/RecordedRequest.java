package io.hookstream.tck;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request a {@link WebhookReceiver} received. Immutable.
 *
 * @param method the HTTP method
 * @param path the decoded path, such as {@code /hooks/orders}
 * @param query the raw query string, or null when the URL has none
 * @param headers request headers; lookups ignore case
 * @param body the body bytes exactly as received
 * @param receivedAt when the request was fully read (the receiver's clock)
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    Instant receivedAt) {

  public RecordedRequest {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
