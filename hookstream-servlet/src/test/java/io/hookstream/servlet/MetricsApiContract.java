package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/metrics}: the seed's shapes for real deliveries to a loopback receiver, the same
 * answer from rollups once the window is past 48 hours, organizations that never see each other's
 * counts, and 422s naming each bad parameter.
 */
abstract class MetricsApiContract extends RestApiSuite {

  @Test
  void seriesAndOverviewCountRealDeliveriesAndStayTheSameWhenServedFromRollups() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      Instant hour = Instant.parse("2026-03-01T10:00:00Z");
      String src = createSource(keyA, "{\"name\":\"Stripe Webhooks\"}");
      String dst = createDestination(keyA, receiver.url("/hook"));
      createConnection(keyA, src, dst);
      for (int i = 0; i < 3; i++) {
        ingest(src, "{\"n\":" + i + "}");
      }
      JsonNode deliveries = await("/v1/metrics/deliveries", d -> count(d, "delivery_count") == 3);

      JsonNode d = deliveries.path("series").get(0);
      assertThat(deliveries.path("granularity").asText()).isEqualTo("hour");
      assertThat(d.path("bucket").asText()).isEqualTo("2026-03-01T10:00:00Z");
      assertThat(d.path("destination_id").asText()).isEqualTo(dst);
      assertThat(d.path("destination_name").asText()).startsWith("Backend");
      assertThat(d.path("success_count").asLong()).isEqualTo(3);
      assertThat(d.path("failed_count").asLong()).isZero();
      assertThat(d.path("avg_latency_ms").isNumber()).isTrue();
      JsonNode volume = api.get("/v1/metrics/volume", keyA).json();
      assertThat(volume.path("series")).hasSize(1);
      JsonNode v = volume.path("series").get(0);
      assertThat(v.path("source_id").asText()).isEqualTo(src);
      assertThat(v.path("source_name").asText()).isEqualTo("Stripe Webhooks");
      assertThat(v.path("event_count").asLong()).isEqualTo(3);
      JsonNode l = api.get("/v1/metrics/latency", keyA).json().path("series").get(0);
      assertThat(l.path("p50_latency_ms").asLong())
          .isLessThanOrEqualTo(l.path("p95_latency_ms").asLong());
      assertThat(l.path("p95_latency_ms").asLong())
          .isLessThanOrEqualTo(l.path("p99_latency_ms").asLong());
      JsonNode overview = api.get("/v1/metrics/overview", keyA).json();
      assertThat(overview.path("events_today").asLong()).isEqualTo(3);
      assertThat(overview.path("deliveries_today").asLong()).isEqualTo(3);
      assertThat(overview.path("success_rate_today").asDouble()).isEqualTo(100.0);
      assertThat(overview.path("active_sources").asLong()).isPositive();
      assertThat(overview.path("dlq_count").asLong()).isZero();

      // Organization B sees none of it, not even when it names A's source.
      assertThat(api.get("/v1/metrics/volume", keyB).json().path("series")).isEmpty();
      assertThat(api.get("/v1/metrics/volume?source_id=" + src, keyB).json().path("series"))
          .isEmpty();
      assertThat(api.get("/v1/metrics/deliveries", keyB).json().path("series")).isEmpty();
      assertThat(api.get("/v1/metrics/overview", keyB).json().path("events_today").asLong())
          .isZero();

      // Three days on, the same window (in the seed's after/before spelling) comes from rollups.
      String window = "after=" + hour + "&before=" + hour.plus(Duration.ofHours(1));
      JsonNode rawDay = api.get("/v1/metrics/deliveries?granularity=day&" + window, keyA).json();
      JsonNode rawLatency = api.get("/v1/metrics/latency?" + window, keyA).json();
      clock.advance(Duration.ofDays(3));
      fx.engine.runDueJobs();
      assertThat(api.get("/v1/metrics/deliveries?granularity=day&" + window, keyA).json())
          .isEqualTo(rawDay);
      assertThat(api.get("/v1/metrics/latency?" + window, keyA).json()).isEqualTo(rawLatency);
      assertThat(api.get("/v1/metrics/volume?" + window, keyA).json().path("series"))
          .isEqualTo(volume.path("series"));
    }
  }

  @Test
  void badParametersAre422NamingTheParameter() {
    assertBad("/v1/metrics/volume?granularity=week", "granularity");
    assertBad("/v1/metrics/deliveries?start=yesterday", "start");
    assertBad("/v1/metrics/latency?before=2026-13-45T99:99:99Z", "before");
    assertBad("/v1/metrics/volume?start=2026-03-02T00:00:00Z&end=2026-03-01T00:00:00Z", "end");
    assertBad("/v1/metrics/volume?start=2026-01-01T00:00:00Z&end=2026-03-01T00:00:00Z", "start");
    assertBad("/v1/metrics/volume?source_id=dst_" + "0".repeat(32), "source_id");
    assertBad("/v1/metrics/deliveries?destination_id=x", "destination_id");
    assertThat(
            api.get(
                    "/v1/metrics/volume?granularity=day"
                        + "&start=2026-01-01T00:00:00Z&end=2026-03-01T00:00:00Z",
                    keyA)
                .status())
        .as("sixty days by day is allowed")
        .isEqualTo(200);
  }

  private void assertBad(String path, String field) {
    Client.Response r = api.get(path, keyA);
    assertError(r, 422);
    assertThat(fieldNames(r)).containsExactly(field);
  }

  private static long count(JsonNode series, String field) {
    long n = 0;
    for (JsonNode p : series.path("series")) {
      n += p.path(field).asLong();
    }
    return n;
  }
}
