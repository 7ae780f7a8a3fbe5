package io.hookstream.providers.kafka;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.EventContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Delivery requests as the engine builds them, for calling the provider directly. */
final class Requests {

  static final String EVENT_ID = "evt_0123456789abcdef0123456789abcdef";
  static final String DESTINATION_ID = "dst_0123456789abcdef0123456789abcdef";
  static final String SOURCE_ID = "src_0123456789abcdef0123456789abcdef";
  static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

  private Requests() {}

  static DeliveryRequest.Builder json(Map<String, Object> config, String body) {
    return DeliveryRequest.builder()
        .eventId(EVENT_ID)
        .destinationId(DESTINATION_ID)
        .attemptNumber(1)
        .config(config)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .contentType("application/json")
        .timestamp(RECEIVED.plusSeconds(2))
        .timeout(Duration.ofSeconds(5))
        .event(
            EventContext.of(
                SOURCE_ID, RECEIVED, "POST", Map.of("content-type", List.of("application/json"))));
  }
}
