package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.tools.HealthCheck;
import io.hookstream.tools.IdempotencyAttempt;
import io.hookstream.tools.IdempotencyTest;
import io.hookstream.tools.ScheduledSend;
import io.hookstream.tools.TlsDetails;
import io.hookstream.tools.ToolExchange;
import io.hookstream.tools.ToolResponse;

/** The JSON of the tools' results, in the seed's snake_case shapes. */
final class ToolJson {

  private ToolJson() {}

  static ObjectNode healthCheck(HealthCheck check) {
    ObjectNode o = JsonIo.object();
    o.put("url", check.url());
    o.put("method", check.method());
    o.put("healthy", check.healthy());
    exchange(o, check.exchange(), "status_code", "body");
    return o;
  }

  static ObjectNode scheduled(ScheduledSend s) {
    ObjectNode o = JsonIo.object();
    o.put("schedule_id", s.id());
    o.put("url", s.url());
    o.put("method", s.method());
    o.put("fires_at", s.firesAt().toString());
    o.put("status", s.status().wireName());
    if (s.responseStatus().isPresent()) {
      o.put("response_status", s.responseStatus().getAsInt());
    } else {
      o.putNull("response_status");
    }
    s.latency()
        .ifPresentOrElse(l -> o.put("latency_ms", l.toMillis()), () -> o.putNull("latency_ms"));
    o.put("error", s.error().orElse(null));
    o.put("completed_at", s.completedAt().map(Object::toString).orElse(null));
    o.put("created_at", s.createdAt().toString());
    return o;
  }

  static ObjectNode idempotencyTest(IdempotencyTest t) {
    ObjectNode o = JsonIo.object();
    o.put("url", t.url());
    o.put("idempotency_header", t.idempotencyHeader());
    o.put("idempotency_value", t.idempotencyKey());
    o.put("total_requests", t.totalRequests());
    o.put("unique_responses", t.uniqueResponses());
    o.put(
        "duplicate_responses", t.attempts().stream().filter(IdempotencyAttempt::duplicate).count());
    o.put("idempotent", t.idempotent());
    ArrayNode results = o.putArray("results");
    for (IdempotencyAttempt a : t.attempts()) {
      ObjectNode r = results.addObject();
      r.put("attempt", a.attempt());
      exchange(r, a.exchange(), "status", "response_body");
      r.put("is_duplicate", a.duplicate());
    }
    return o;
  }

  /** Status, latency, headers, bounded body, TLS and error, under the seed's names. */
  private static void exchange(ObjectNode o, ToolExchange e, String statusField, String bodyField) {
    ToolResponse r = e.response().orElse(null);
    if (r == null) {
      o.putNull(statusField);
    } else {
      o.put(statusField, r.status());
    }
    o.put("latency_ms", e.latency().toMillis());
    ObjectNode headers = o.putObject("headers");
    if (r != null) {
      r.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    }
    o.put(bodyField, r == null ? null : r.body());
    o.put("body_truncated", r != null && r.bodyTruncated());
    o.put("body_sha256", r == null ? null : r.bodySha256());
    TlsDetails tls = r == null ? null : r.tls().orElse(null);
    if (tls == null) {
      o.putNull("tls");
    } else {
      ObjectNode t = o.putObject("tls");
      t.put("protocol", tls.protocol());
      t.put("cipher", tls.cipherSuite());
      t.put("peer_subject", tls.peerSubject());
      t.put("peer_issuer", tls.peerIssuer());
      t.put("peer_not_after", tls.peerNotAfter().toString());
    }
    o.put("error", e.error().orElse(null));
  }
}
