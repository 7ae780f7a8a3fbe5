package io.hookstream.tck;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link WebhookReceiver} answers to one request: a status, headers and body, optionally
 * after a delay, or no answer at all (the connection is closed). Immutable; the {@code with...}
 * methods return changed copies.
 *
 * <pre>{@code
 * ScriptedResponse.status(429).withHeader("Retry-After", "120").withBody("slow down")
 * ScriptedResponse.ok().withDelay(Duration.ofSeconds(3))
 * ScriptedResponse.closeConnection()
 * }</pre>
 *
 * @param status the HTTP status (ignored when {@code dropConnection})
 * @param headers response headers, in order
 * @param body response body bytes
 * @param delay how long to wait before answering (or closing)
 * @param dropConnection whether to drop the connection instead of answering
 */
public record ScriptedResponse(
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    Duration delay,
    boolean dropConnection) {

  public ScriptedResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be a 3-digit HTTP status: " + status);
    }
    headers = copy(headers);
    body = body == null ? new byte[0] : body.clone();
    delay = Objects.requireNonNullElse(delay, Duration.ZERO);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
  }

  /** An empty response with {@code status}. */
  public static ScriptedResponse status(int status) {
    return new ScriptedResponse(status, Map.of(), new byte[0], Duration.ZERO, false);
  }

  /** An empty 200. */
  public static ScriptedResponse ok() {
    return status(200);
  }

  /** Reads the request, then closes the connection without sending any response. */
  public static ScriptedResponse closeConnection() {
    return new ScriptedResponse(200, Map.of(), new byte[0], Duration.ZERO, true);
  }

  /** This response with one more header value. */
  public ScriptedResponse withHeader(String name, String value) {
    Map<String, List<String>> more = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
    values.add(Objects.requireNonNull(value, "value"));
    more.put(Objects.requireNonNull(name, "name"), values);
    return new ScriptedResponse(status, more, body, delay, dropConnection);
  }

  /** This response with {@code body} as UTF-8. */
  public ScriptedResponse withBody(String body) {
    return withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  /** This response with {@code body}. */
  public ScriptedResponse withBody(byte[] body) {
    return new ScriptedResponse(status, headers, body, delay, dropConnection);
  }

  /** This response, sent after {@code delay}. */
  public ScriptedResponse withDelay(Duration delay) {
    return new ScriptedResponse(status, headers, body, delay, dropConnection);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    }
    return Collections.unmodifiableMap(copy);
  }
}
