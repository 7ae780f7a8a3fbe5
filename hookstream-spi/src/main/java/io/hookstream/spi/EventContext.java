package io.hookstream.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a delivery knows of the event it carries beyond its body: the source, when and how it
 * arrived, and the original request headers (names lower case). Message formats that wrap the event
 * (an S3 object, queue attributes) read it; the HTTP provider does not.
 *
 * <p>The headers are read on first use only: stores keep them as JSON, and parsing them on every
 * claim would cost the HTTP path, which never asks. Thread-safe.
 */
public final class EventContext {

  /** The stored header of a published event that names its topic's slug. */
  public static final String TOPIC_HEADER = "x-hookstream-topic";

  private static final String TOPIC_ID_PREFIX = "top_";

  private final String sourceId;
  private final Instant receivedAt;
  private final String method;
  private final Supplier<Map<String, List<String>>> headerSource;
  private volatile Map<String, List<String>> headers;

  /** {@code headers} is called at most once, when a provider first asks for the headers. */
  public EventContext(
      String sourceId,
      Instant receivedAt,
      String method,
      Supplier<Map<String, List<String>>> headers) {
    this.sourceId = sourceId;
    this.receivedAt = receivedAt;
    this.method = method;
    this.headerSource = Objects.requireNonNull(headers, "headers");
  }

  /** A context whose headers are already at hand. */
  public static EventContext of(
      String sourceId, Instant receivedAt, String method, Map<String, List<String>> headers) {
    Map<String, List<String>> copy = headers == null ? Map.of() : headers;
    return new EventContext(sourceId, receivedAt, method, () -> copy);
  }

  public String sourceId() {
    return sourceId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String method() {
    return method;
  }

  /** The original request headers, as received; empty when there were none. */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> h = headers;
    if (h == null) {
      Map<String, List<String>> read = headerSource.get();
      h = read == null ? Map.of() : read;
      headers = h;
    }
    return h;
  }

  /**
   * The slug of the topic an application published this event to, or null for a received webhook. A
   * published event's source id is its topic's id ({@code top_...}); the slug travels in the
   * event's {@code x-hookstream-topic} header, which the engine sets when it stores the event.
   */
  public String topic() {
    if (sourceId == null || !sourceId.startsWith(TOPIC_ID_PREFIX)) {
      return null;
    }
    List<String> slug = headers().get(TOPIC_HEADER);
    return slug == null || slug.isEmpty() ? null : slug.get(0);
  }

  @Override
  public String toString() {
    return "EventContext[sourceId="
        + sourceId
        + ", receivedAt="
        + receivedAt
        + ", method="
        + method
        + "]";
  }
}
