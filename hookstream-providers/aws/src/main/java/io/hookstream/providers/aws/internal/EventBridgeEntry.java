package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The PutEvents entry of one delivery: {@code Source}, {@code DetailType}, {@code EventBusName},
 * the event's received time as {@code Time}, and the body as {@code Detail} when it is a JSON
 * object; any other body is wrapped as {@code {"body": <the body as JSON, or as a string>}}, since
 * EventBridge takes objects only. Stateless.
 */
public final class EventBridgeEntry {

  /** EventBridge's limit for one entry. */
  public static final int MAX_BYTES = 256 * 1024;

  private EventBridgeEntry() {}

  public static PutEventsRequestEntry of(EventBridgeConfig config, DeliveryRequest r) {
    PutEventsRequestEntry.Builder b =
        PutEventsRequestEntry.builder()
            .eventBusName(config.eventBus())
            .source(config.source())
            .detailType(config.detailType())
            .detail(detail(r.body()));
    if (r.event().receivedAt() != null) {
      b.time(r.event().receivedAt());
    }
    return b.build();
  }

  /** The body as an EventBridge {@code Detail}: a JSON object. */
  public static String detail(byte[] body) {
    return JsonText.isObject(body)
        ? new String(body, StandardCharsets.UTF_8).strip()
        : "{\"body\":" + JsonText.value(body) + "}";
  }

  /** The entry's size as EventBridge counts it (its strings, UTF-8, plus 14 for Time). */
  public static long size(PutEventsRequestEntry e) {
    return utf8(e.source())
        + utf8(e.detailType())
        + utf8(e.detail())
        + utf8(e.eventBusName())
        + (e.time() == null ? 0 : 14);
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
