package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The S3 object of one delivery. Its key is {@code {prefix}{YYYY}/{MM}/{DD}/{event_id}.json}, by
 * the event's received date in UTC, so every attempt writes the same object. In {@code json} format
 * it holds the event envelope {@code {event_id, source_id, method, headers, body, received_at}}
 * (body as JSON when it is JSON, else a string; header values joined by ", "); in {@code raw}
 * format the body as it is. Stateless.
 */
public record S3Object(String key, byte[] content, String contentType) {

  private static final DateTimeFormatter DAY_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  public static S3Object of(S3Config config, DeliveryRequest r) {
    Instant received = r.event().receivedAt() != null ? r.event().receivedAt() : r.timestamp();
    String key = config.prefix() + DAY_PATH.format(received) + "/" + r.eventId() + ".json";
    if (config.raw()) {
      return new S3Object(key, r.body(), "application/octet-stream");
    }
    return new S3Object(
        key, envelope(r, received).getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static String envelope(DeliveryRequest r, Instant received) {
    return "{\"event_id\":"
        + JsonText.quote(r.eventId())
        + ",\"source_id\":"
        + nullable(r.event().sourceId())
        + ",\"method\":"
        + nullable(r.event().method())
        + ",\"headers\":"
        + headers(r.event().headers())
        + ",\"body\":"
        + JsonText.value(r.body())
        + ",\"received_at\":"
        + JsonText.quote(received.toString())
        + "}";
  }

  private static String headers(Map<String, List<String>> headers) {
    return headers.entrySet().stream()
        .map(
            e -> JsonText.quote(e.getKey()) + ":" + JsonText.quote(String.join(", ", e.getValue())))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String nullable(String s) {
    return s == null ? "null" : JsonText.quote(s);
  }
}
