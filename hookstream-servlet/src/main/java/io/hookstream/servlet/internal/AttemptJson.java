package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.spi.store.AttemptRecord;
import java.util.List;
import java.util.Map;

/** The JSON of a delivery attempt: a summary for lists, the detail with what went over the wire. */
final class AttemptJson {

  private AttemptJson() {}

  static ObjectNode summary(AttemptRecord a, String destinationName) {
    ObjectNode o = JsonIo.object();
    o.put("id", a.id());
    o.put("event_id", a.eventId());
    o.put("connection_id", a.connectionId());
    o.put("destination_id", a.destinationId());
    o.put("destination_name", destinationName);
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
    Timestamps.put(o, "dlq_at", a.dlqAt());
    Timestamps.put(o, "next_retry_at", a.nextRetryAt());
    Timestamps.put(o, "attempted_at", a.attemptedAt());
    Timestamps.put(o, "created_at", a.attemptedAt());
    return o;
  }

  static ObjectNode detail(AttemptRecord a, String destinationName) {
    ObjectNode o = summary(a, destinationName);
    o.set("request_headers", headers(a.requestHeaders()));
    o.set("response_headers", headers(a.responseHeaders()));
    o.put("response_body", a.responseBody());
    return o;
  }

  private static ObjectNode headers(Map<String, List<String>> headers) {
    ObjectNode o = JsonIo.object();
    if (headers != null) {
      headers.forEach((k, v) -> o.put(k, String.join(", ", v)));
    }
    return o;
  }
}
