package io.hookstream.providers.http;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Delivery requests for tests: a fixed event id, a JSON body, attempt 1, a 5 s timeout. */
final class TestRequests {

  static final String EVENT_ID = "evt_0123456789abcdef0123456789abcdef";
  static final String DESTINATION_ID = "dst_0123456789abcdef0123456789abcdef";
  static final Instant TIMESTAMP = Instant.parse("2026-03-01T14:30:00Z");
  static final String JSON_BODY =
      "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\",\"name\":\"Zoë ✓\"}}";

  private TestRequests() {}

  static Map<String, Object> config(String url) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", url);
    return config;
  }

  static DeliveryRequest request(Map<String, Object> config) {
    return request(config, JSON_BODY.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  static DeliveryRequest request(Map<String, Object> config, byte[] body, String contentType) {
    return new DeliveryRequest(
        EVENT_ID, DESTINATION_ID, 1, config, body, contentType, TIMESTAMP, Duration.ofSeconds(5));
  }

  static DeliveryRequest attempt(Map<String, Object> config, int attempt, Instant timestamp) {
    return new DeliveryRequest(
        EVENT_ID,
        DESTINATION_ID,
        attempt,
        config,
        JSON_BODY.getBytes(StandardCharsets.UTF_8),
        "application/json",
        timestamp,
        Duration.ofSeconds(5));
  }
}
