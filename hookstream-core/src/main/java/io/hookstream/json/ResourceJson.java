package io.hookstream.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.destination.Destination;
import io.hookstream.event.Event;
import io.hookstream.internal.Json;
import io.hookstream.issue.Issue;
import io.hookstream.replay.ReplayJob;
import io.hookstream.testsession.ForwardResult;
import io.hookstream.testsession.TestEvent;
import io.hookstream.testsession.TestSessionInfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The wire format of the resources both faces show: the {@code /v1} REST API and the live streams
 * render events, attempts, issues and destinations through here, so a field has one name and one
 * format everywhere (snake case, ISO-8601 UTC instants with millisecond precision). Callers add
 * what only they know (names of related resources, headers). Stateless and thread-safe.
 */
public final class ResourceJson {

  private ResourceJson() {}

  /** The event summary: identity, request line, status and receipt (no headers or body). */
  public static ObjectNode event(Event e) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    // A published event's source is its topic: named as topic_id, with no source_id.
    o.put("source_id", e.topicId() == null ? e.sourceId() : null);
    o.put("topic_id", e.topicId());
    o.put("method", e.method());
    o.put("path", e.path());
    o.put("content_type", e.contentType());
    o.put("status", e.status().wireName());
    o.put("dedup_status", e.dedupStatus());
    o.put("verification_status", e.verificationStatus());
    o.put("body_size", e.bodySize());
    o.put("source_ip", e.sourceIp());
    instant(o, "received_at", e.receivedAt());
    return o;
  }

  /** A delivery attempt, without what went over the wire (headers, response body). */
  public static ObjectNode attempt(DeliveryAttempt a) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", a.id());
    o.put("event_id", a.eventId());
    o.put("connection_id", a.connectionId());
    o.put("destination_id", a.destinationId());
    o.put("status", a.status());
    if (a.statusCode() == null) {
      o.putNull("status_code");
    } else {
      o.put("status_code", a.statusCode());
    }
    if (a.latencyMs() == null) {
      o.putNull("latency_ms");
    } else {
      o.put("latency_ms", a.latencyMs());
    }
    o.put("attempt_number", a.attemptNumber());
    o.put("error", a.error());
    o.put("error_type", a.errorType());
    o.put("is_dlq", a.dlq());
    instant(o, "dlq_at", a.dlqAt());
    instant(o, "next_retry_at", a.nextRetryAt());
    instant(o, "attempted_at", a.attemptedAt());
    instant(o, "created_at", a.attemptedAt());
    return o;
  }

  /** An issue. */
  public static ObjectNode issue(Issue i) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", i.id());
    o.put("destination_id", i.destinationId());
    o.put("error_type", i.errorType());
    o.put("severity", i.severity());
    o.put("message", i.message());
    o.put("status", i.status());
    o.put("occurrence_count", i.occurrenceCount());
    instant(o, "first_seen_at", i.firstSeenAt());
    instant(o, "last_seen_at", i.lastSeenAt());
    i.recentAttemptIds().forEach(o.putArray("recent_attempt_ids")::add);
    instant(o, "snoozed_until", i.snoozedUntil());
    instant(o, "resolved_at", i.resolvedAt());
    instant(o, "updated_at", i.updatedAt());
    return o;
  }

  /** A replay or bulk-retry job with its progress, as {@code GET /v1/replay/:id} renders it. */
  public static ObjectNode replayJob(ReplayJob j) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", j.id());
    o.put("kind", j.kind());
    o.put("destination_id", j.destinationId());
    o.put("source_id", j.sourceId());
    if (j.eventStatus() != null) {
      o.put("event_status", j.eventStatus());
      o.put("issue_id", j.issueId());
    }
    instant(o, "from", j.from());
    instant(o, "to", j.to());
    o.put("rate_limit", j.rateLimit());
    o.put("max_events", j.maxEvents());
    o.put("status", j.status());
    o.put("total", j.total());
    o.put("processed", j.processed());
    o.put("skipped", j.skipped());
    o.put("succeeded", j.succeeded());
    o.put("failed", j.failed());
    instant(o, "started_at", j.startedAt());
    instant(o, "completed_at", j.completedAt());
    instant(o, "created_at", j.createdAt());
    return o;
  }

  /** A destination's identity and delivery state, as live subscribers see it. */
  public static ObjectNode destination(Destination d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", d.id());
    o.put("name", d.name());
    o.put("type", d.type());
    destinationState(o, d);
    instant(o, "updated_at", d.updatedAt());
    return o;
  }

  /** Puts {@code enabled}, {@code disabled} and {@code disabled_reason}. */
  public static void destinationState(ObjectNode o, Destination d) {
    o.put("enabled", d.enabled());
    o.put("disabled", d.disabledReason() != null);
    o.put("disabled_reason", d.disabledReason());
  }

  /**
   * Puts {@code body} and {@code body_encoding}: the body as JSON when it parses as JSON, as a
   * string when it is UTF-8 text, and base64 otherwise; an empty body is JSON null.
   */
  public static void body(ObjectNode o, byte[] body) {
    if (body == null || body.length == 0) {
      o.putNull("body");
      o.put("body_encoding", "json");
      return;
    }
    JsonNode json = Json.parseOrNull(body);
    if (json != null) {
      o.set("body", json);
      o.put("body_encoding", "json");
      return;
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      o.put("body", text);
      o.put("body_encoding", "text");
    } catch (CharacterCodingException e) {
      o.put("body", Base64.getEncoder().encodeToString(body));
      o.put("body_encoding", "base64");
    }
  }

  /** Puts {@code at} as ISO-8601 UTC with millisecond precision, or JSON null. */
  public static void instant(ObjectNode o, String field, Instant at) {
    if (at == null) {
      o.putNull(field);
    } else {
      o.put(field, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  /** A test session: its id, ingest URL, limits and, once claimed, where it went. */
  public static ObjectNode testSession(TestSessionInfo s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", s.id());
    o.put("url", s.url());
    instant(o, "expires_at", s.claimed() ? null : s.expiresAt());
    o.put("request_limit", s.claimed() ? null : s.requestLimit());
    o.put("request_count", s.requestCount());
    instant(o, "created_at", s.createdAt());
    ObjectNode response = o.putObject("response");
    response.put("status_code", s.response().status());
    response.put("content_type", s.response().contentType());
    response.put("body", s.response().body());
    ObjectNode headers = response.putObject("headers");
    s.response().headers().forEach(headers::put);
    o.put("forwarding", s.forwardEnabled() ? s.forwardUrl() : null);
    ObjectNode forward = o.putObject("forward");
    forward.put("url", s.forwardUrl());
    forward.put("enabled", s.forwardEnabled());
    o.put("claimed", s.claimed());
    o.put("org_id", s.orgId());
    o.put("source_id", s.sourceId());
    instant(o, "claimed_at", s.claimedAt());
    return o;
  }

  /** A test session's event in lists: the request line, who sent it, and what it was answered. */
  public static ObjectNode testEvent(TestEvent e) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("session_id", e.sessionId());
    o.put("method", e.method());
    o.put("path", e.path());
    o.put("content_type", e.contentType());
    o.put("source_ip", e.sourceIp());
    o.put("provider", e.provider());
    o.put("status_code", e.responseStatus());
    o.put("body_size", e.body().length);
    o.put("note", e.note());
    instant(o, "received_at", e.receivedAt());
    return o;
  }

  /**
   * A test session's event in full: the summary with headers and query (several values joined with
   * ", "), the body, and the forwarding outcome.
   */
  public static ObjectNode testEventDetail(TestEvent e) {
    ObjectNode o = testEvent(e);
    o.set("headers", flatten(e.headers()));
    o.set("query", flatten(e.query()));
    body(o, e.body());
    ForwardResult f = e.forward();
    if (f == null) {
      o.putNull("forward");
    } else {
      ObjectNode fw = o.putObject("forward");
      fw.put("url", f.url());
      fw.put("status_code", f.status());
      fw.put("latency_ms", f.latencyMs());
      fw.put("body", f.body());
      fw.put("error", f.error());
      instant(fw, "at", f.at());
    }
    return o;
  }

  private static ObjectNode flatten(Map<String, List<String>> values) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    values.forEach((k, v) -> o.put(k, String.join(", ", v)));
    return o;
  }
}
