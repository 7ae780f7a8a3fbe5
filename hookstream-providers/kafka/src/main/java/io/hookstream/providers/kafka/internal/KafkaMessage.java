package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of one delivery, the same in both modes: the body as the value, the key from the
 * config's field path (default: the event id), and {@code hookstream-*} headers. Immutable.
 */
public record KafkaMessage(String key, byte[] value, Map<String, String> headers) {

  /** Kafka's default limit for one produce request (max.request.size, message.max.bytes). */
  public static final int MAX_BYTES = 1024 * 1024;

  public static KafkaMessage of(KafkaConfig config, DeliveryRequest r) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("hookstream-event-id", r.eventId());
    headers.put("hookstream-destination-id", r.destinationId());
    headers.put("hookstream-attempt", Integer.toString(r.attemptNumber()));
    if (r.event().sourceId() != null) {
      headers.put("hookstream-source-id", r.event().sourceId());
    }
    if (r.event().receivedAt() != null) {
      headers.put("hookstream-received-at", r.event().receivedAt().toString());
    }
    if (r.contentType() != null && !r.contentType().isBlank()) {
      headers.put("content-type", r.contentType());
    }
    return new KafkaMessage(config.key().keyOf(r.body(), r.eventId()), r.body(), headers);
  }

  /** Key, value and headers in bytes, as the size limit counts them. */
  public long size() {
    long size = utf8(key).length + (long) value.length;
    for (var e : headers.entrySet()) {
      size += utf8(e.getKey()).length + utf8(e.getValue()).length;
    }
    return size;
  }

  /** Refuses a record over {@link #MAX_BYTES} before it is sent. */
  public void checkSize() {
    long size = size();
    if (size > MAX_BYTES) {
      throw new MessageTooLargeException(size, MAX_BYTES);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
