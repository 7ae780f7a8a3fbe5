package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.JsonSyntax;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message of one delivery, the same in both modes: the body as payload, persistent (delivery
 * mode 2), the event id as message id, the received time as timestamp, the content type, and the
 * hookstream headers. Stateless once built.
 */
public record RabbitMessage(
    String exchange,
    String routingKey,
    byte[] body,
    String contentType,
    String messageId,
    Instant timestamp,
    Map<String, String> headers) {

  /** RabbitMQ's default {@code max_message_size} (16 MiB since 4.0; 128 MiB before). */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  public static final int PERSISTENT = 2;

  /** The message for {@code request}; a body over {@link #MAX_BYTES} is refused. */
  public static RabbitMessage of(RabbitConfig config, DeliveryRequest r) {
    if (r.body().length > MAX_BYTES) {
      throw new PublishFailedException(
          RabbitFailure.permanent(
              FailureKind.TOO_LARGE,
              0,
              "the message has " + r.body().length + " bytes; the limit is " + MAX_BYTES));
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hookstream-event-id", r.eventId());
    h.put("hookstream-destination-id", r.destinationId());
    h.put("hookstream-attempt", Integer.toString(r.attemptNumber()));
    if (r.event().sourceId() != null) {
      h.put("hookstream-source-id", r.event().sourceId());
    }
    if (r.event().receivedAt() != null) {
      h.put("hookstream-received-at", r.event().receivedAt().toString());
    }
    String contentType =
        r.contentType() == null || r.contentType().isBlank() ? null : r.contentType();
    return new RabbitMessage(
        config.exchange(),
        config.routingKey(),
        r.body(),
        contentType,
        r.eventId(),
        r.event().receivedAt() == null ? r.timestamp() : r.event().receivedAt(),
        Map.copyOf(h));
  }

  /** The headers and routing as the delivery log shows them. */
  public Map<String, List<String>> details() {
    Map<String, List<String>> details = new LinkedHashMap<>();
    details.put("exchange", List.of(exchange));
    details.put("routing_key", List.of(routingKey));
    headers.forEach((k, v) -> details.put(k, List.of(v)));
    return details;
  }

  /** The Management API's publish request body; a body that is not UTF-8 goes as base64. */
  public String managementJson() {
    String text = JsonSyntax.utf8(body);
    StringBuilder json = new StringBuilder(body.length + 512);
    json.append("{\"properties\":{\"delivery_mode\":").append(PERSISTENT);
    if (contentType != null) {
      json.append(",\"content_type\":");
      JsonSyntax.quote(json, contentType);
    }
    json.append(",\"message_id\":");
    JsonSyntax.quote(json, messageId);
    json.append(",\"timestamp\":").append(timestamp.getEpochSecond());
    json.append(",\"headers\":{");
    String sep = "";
    for (Map.Entry<String, String> e : headers.entrySet()) {
      json.append(sep);
      JsonSyntax.quote(json, e.getKey());
      json.append(':');
      JsonSyntax.quote(json, e.getValue());
      sep = ",";
    }
    json.append("}},\"routing_key\":");
    JsonSyntax.quote(json, routingKey);
    json.append(",\"payload\":");
    JsonSyntax.quote(json, text == null ? Base64.getEncoder().encodeToString(body) : text);
    json.append(",\"payload_encoding\":\"").append(text == null ? "base64" : "string");
    return json.append("\"}").toString();
  }
}
