package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.JsonSyntax;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The SQS message of one delivery: the body as the message body (base64, with the attribute {@code
 * hookstream-body-encoding: base64}, when it is not text SQS accepts), the hookstream attributes,
 * and for FIFO queues the group and a deduplication id from the event and destination ids, so that
 * retries of one delivery are deduplicated by SQS. Stateless.
 */
public final class SqsMessage {

  /** SQS's limit for body and attributes together (raised from 256 KiB in 2025). */
  public static final int MAX_BYTES = 1024 * 1024;

  private SqsMessage() {}

  public static SendMessageRequest of(SqsConfig config, DeliveryRequest r) {
    String text = JsonSyntax.utf8(r.body());
    boolean base64 = text == null || !sqsText(text);
    Map<String, String> attributes = attributes(r, base64);
    Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            values.put(
                name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    SendMessageRequest.Builder b =
        SendMessageRequest.builder()
            .queueUrl(config.queueUrl())
            .messageBody(base64 ? Base64.getEncoder().encodeToString(r.body()) : text)
            .messageAttributes(values);
    if (config.messageGroupId() != null) {
      b.messageGroupId(config.messageGroupId())
          .messageDeduplicationId(deduplicationId(r.eventId(), r.destinationId()));
    }
    return b.build();
  }

  /** Stable across every attempt of one event to one destination; at most 128 characters. */
  public static String deduplicationId(String eventId, String destinationId) {
    String id = eventId + ":" + destinationId;
    return id.length() <= 128 ? id : id.substring(0, 128);
  }

  /** The attributes sent, as the delivery log shows them. */
  public static Map<String, List<String>> details(SendMessageRequest m) {
    Map<String, List<String>> details = new LinkedHashMap<>();
    m.messageAttributes().forEach((k, v) -> details.put(k, List.of(v.stringValue())));
    if (m.messageGroupId() != null) {
      details.put("MessageGroupId", List.of(m.messageGroupId()));
      details.put("MessageDeduplicationId", List.of(m.messageDeduplicationId()));
    }
    return details;
  }

  /** The message's size as SQS counts it: body plus attribute names, types and values. */
  public static long size(SendMessageRequest m) {
    long size = m.messageBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    for (var e : m.messageAttributes().entrySet()) {
      size +=
          e.getKey().length()
              + e.getValue().dataType().length()
              + e.getValue().stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    return size;
  }

  private static Map<String, String> attributes(DeliveryRequest r, boolean base64) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("hookstream-event-id", r.eventId());
    a.put("hookstream-destination-id", r.destinationId());
    a.put("hookstream-attempt", Integer.toString(r.attemptNumber()));
    if (r.event().sourceId() != null) {
      a.put("hookstream-source-id", r.event().sourceId());
    }
    if (r.event().receivedAt() != null) {
      a.put("hookstream-received-at", r.event().receivedAt().toString());
    }
    if (r.contentType() != null && !r.contentType().isBlank()) {
      a.put("content-type", r.contentType());
    }
    if (base64) {
      a.put("hookstream-body-encoding", "base64");
    }
    return a;
  }

  /** Whether SQS accepts {@code text}: XML characters only (#x9, #xA, #xD, #x20 and up). */
  private static boolean sqsText(String text) {
    return text.codePoints()
        .allMatch(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000);
  }
}
