package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.json.ResourceJson;
import io.hookstream.metrics.DeliveryPoint;
import io.hookstream.metrics.Granularity;
import io.hookstream.metrics.LatencyPoint;
import io.hookstream.metrics.MetricsOverview;
import io.hookstream.metrics.MetricsQuery;
import io.hookstream.metrics.MetricsSeries;
import io.hookstream.spi.HookstreamException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BiConsumer;

/**
 * {@code /v1/metrics}: the overview, and the volume, deliveries and latency series. The window is
 * {@code start}/{@code end} (or {@code after}/{@code before}, the seed's other spelling), ISO 8601;
 * {@code granularity} is {@code hour} (default) or {@code day}; {@code source_id} and {@code
 * destination_id} narrow the series. Every bad value is a 422 naming its parameter.
 */
final class MetricsResource {

  private final Hookstream engine;

  MetricsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/metrics/overview", this::overview)
        .get("/v1/metrics/volume", this::volume)
        .get("/v1/metrics/deliveries", this::deliveries)
        .get("/v1/metrics/latency", this::latency);
  }

  private ApiResponse overview(ApiRequest r) {
    MetricsOverview o = engine.metrics().overview(r.scope());
    ObjectNode body = JsonIo.object();
    body.put("events_today", o.eventsToday());
    body.put("events_this_week", o.eventsThisWeek());
    body.put("active_sources", o.activeSources());
    body.put("deliveries_today", o.deliveriesToday());
    body.put("success_today", o.successToday());
    body.put("failed_today", o.failedToday());
    body.put("success_rate_today", o.successRateToday());
    body.put("dlq_count", o.dlqCount());
    body.put("active_destinations", o.activeDestinations());
    body.put("open_issues", o.openIssues());
    body.put("active_collections", o.activeCollections());
    return ApiResponse.ok(body);
  }

  private ApiResponse volume(ApiRequest r) {
    return render(
        engine.metrics().volume(r.scope(), query(r)),
        (p, o) -> {
          ResourceJson.instant(o, "bucket", p.bucket());
          o.put("source_id", p.sourceId());
          o.put("source_name", p.sourceName());
          o.put("event_count", p.eventCount());
        });
  }

  private ApiResponse deliveries(ApiRequest r) {
    return render(
        engine.metrics().deliveries(r.scope(), query(r)),
        (DeliveryPoint p, ObjectNode o) -> {
          destination(o, p.bucket(), p.destinationId(), p.destinationName());
          o.put("delivery_count", p.deliveryCount());
          o.put("success_count", p.successCount());
          o.put("failed_count", p.failedCount());
          o.put("avg_latency_ms", p.avgLatencyMs());
        });
  }

  private ApiResponse latency(ApiRequest r) {
    return render(
        engine.metrics().latency(r.scope(), query(r)),
        (LatencyPoint p, ObjectNode o) -> {
          destination(o, p.bucket(), p.destinationId(), p.destinationName());
          o.put("p50_latency_ms", p.p50LatencyMs());
          o.put("p95_latency_ms", p.p95LatencyMs());
          o.put("p99_latency_ms", p.p99LatencyMs());
          o.put("avg_latency_ms", p.avgLatencyMs());
        });
  }

  private static void destination(ObjectNode o, Instant bucket, String id, String name) {
    ResourceJson.instant(o, "bucket", bucket);
    o.put("destination_id", id);
    o.put("destination_name", name);
  }

  private static <T> ApiResponse render(MetricsSeries<T> series, BiConsumer<T, ObjectNode> point) {
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    for (T p : series.points()) {
      ObjectNode o = JsonIo.object();
      point.accept(p, o);
      items.add(o);
    }
    ObjectNode body = JsonIo.object();
    body.set("series", items);
    body.put("granularity", series.granularity().wire());
    return ApiResponse.ok(body);
  }

  private static MetricsQuery query(ApiRequest r) {
    Query q = r.query();
    String granularity = q.string("granularity");
    return MetricsQuery.builder()
        .start(instant(q, "start", "after"))
        .end(instant(q, "end", "before"))
        .granularity(
            granularity == null
                ? Granularity.HOUR
                : Granularity.parse(granularity)
                    .orElseThrow(
                        () -> HookstreamException.invalid("granularity", "must be hour or day")))
        .sourceId(id(q, "source_id", "src"))
        .destinationId(id(q, "destination_id", "dst"))
        .build();
  }

  /** {@code name}, or its seed spelling {@code alias}; 422 naming the one given if malformed. */
  private static Instant instant(Query q, String name, String alias) {
    String field = q.string(name) != null ? name : alias;
    String value = q.string(field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HookstreamException.invalid(
          field, "must be an ISO 8601 timestamp such as 2026-03-01T12:00:00Z");
    }
  }

  private static String id(Query q, String name, String prefix) {
    String id = q.string(name);
    if (id != null && !ResourceIds.looksLike(prefix, id)) {
      throw HookstreamException.invalid(name, "must be an id starting with " + prefix + "_");
    }
    return id;
  }
}
