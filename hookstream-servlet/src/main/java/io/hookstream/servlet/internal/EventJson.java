package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.event.Event;
import io.hookstream.json.ResourceJson;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an event: a summary for lists, and the detail with headers, query and body. The body
 * is rendered as JSON when it parses as JSON, as a string when it is UTF-8 text, and as base64
 * (with {@code body_encoding: "base64"}) otherwise. Stateless.
 */
final class EventJson {

  private EventJson() {}

  static ObjectNode summary(Event e, String sourceName) {
    return ResourceJson.event(e).put("source_name", sourceName);
  }

  /** {@code body}: the full body bytes (the record's may be in the blob store). */
  static ObjectNode detail(Event e, String sourceName, byte[] body) {
    ObjectNode o = summary(e, sourceName);
    o.set("headers", flatten(e.headers()));
    o.set("query", flatten(e.query()));
    ResourceJson.body(o, body);
    o.put("body_sha256", e.bodySha256());
    o.put("duplicate_of", e.duplicateOf());
    ResourceJson.instant(o, "routed_at", e.routedAt());
    ResourceJson.instant(o, "updated_at", e.updatedAt());
    return o;
  }

  /** Header and query values: one value as a string, several joined with ", ". */
  private static ObjectNode flatten(Map<String, List<String>> values) {
    ObjectNode o = JsonIo.object();
    if (values != null) {
      values.forEach((k, v) -> o.put(k, String.join(", ", v)));
    }
    return o;
  }
}
