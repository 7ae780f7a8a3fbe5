package io.hookstream.stream.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.internal.Json;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.IssueRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Renders the resources streamed to live subscribers as JSON, with the REST API's field names
 * (snake case, ISO-8601 instants). Kept in core so the engine can render without the servlet
 * module; the REST layer renders the same resources. Stateless and thread-safe.
 */
public final class StreamJson {

  private StreamJson() {}

  /** The event summary: identity, request line, status and receipt time (no headers or body). */
  public static String event(EventRecord e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("source_id", e.sourceId());
    n.put("method", e.method());
    n.put("path", e.path());
    n.put("content_type", e.contentType());
    n.put("body_size", e.bodySize());
    n.put("status", e.status().wireName());
    n.put("dedup_status", e.dedupStatus());
    n.put("verification_status", e.verificationStatus());
    n.put("source_ip", e.sourceIp());
    n.put("received_at", instant(e.receivedAt()));
    return Json.write(n);
  }

  /** One delivery attempt, without its captured headers and response body. */
  public static String attempt(AttemptRecord a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", a.id());
    n.put("event_id", a.eventId());
    n.put("connection_id", a.connectionId());
    n.put("destination_id", a.destinationId());
    n.put("attempt_number", a.attemptNumber());
    n.put("status", a.status());
    if (a.statusCode() == null) {
      n.putNull("status_code");
    } else {
      n.put("status_code", a.statusCode());
    }
    if (a.latencyMs() == null) {
      n.putNull("latency_ms");
    } else {
      n.put("latency_ms", a.latencyMs());
    }
    n.put("error", a.error());
    n.put("error_type", a.errorType());
    n.put("dlq", a.dlq());
    n.put("next_retry_at", instant(a.nextRetryAt()));
    n.put("attempted_at", instant(a.attemptedAt()));
    return Json.write(n);
  }

  /** One issue. */
  public static String issue(IssueRecord i) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", i.id());
    n.put("destination_id", i.destinationId());
    n.put("error_type", i.errorType());
    n.put("message", i.message());
    n.put("status", i.status());
    n.put("occurrence_count", i.occurrenceCount());
    n.put("first_seen_at", instant(i.firstSeenAt()));
    n.put("last_seen_at", instant(i.lastSeenAt()));
    n.put("snoozed_until", instant(i.snoozedUntil()));
    n.put("resolved_at", instant(i.resolvedAt()));
    n.put("updated_at", instant(i.updatedAt()));
    return Json.write(n);
  }

  /** The {@code event.delivered} data of the websocket destination; payload is the raw body. */
  public static String delivered(String eventId, String destinationId, String payload) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("event_id", eventId);
    n.put("destination_id", destinationId);
    n.put("payload", payload);
    return Json.write(n);
  }

  /** The wire frame {@code {"type":..,"channel":..,"data":..}}; {@code dataJson} is JSON text. */
  public static String frame(String type, String channel, String dataJson) {
    StringBuilder sb = new StringBuilder(dataJson.length() + 64);
    sb.append("{\"type\":").append(Json.write(type));
    if (channel != null) {
      sb.append(",\"channel\":").append(Json.write(channel));
    }
    return sb.append(",\"data\":").append(dataJson).append('}').toString();
  }

  /** ISO-8601 UTC with millisecond precision, as the REST API writes instants. */
  private static String instant(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
