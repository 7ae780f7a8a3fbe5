package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.json.ResourceJson;
import java.util.List;
import java.util.Map;

/** The JSON of a delivery attempt: a summary for lists, the detail with what went over the wire. */
final class AttemptJson {

  private AttemptJson() {}

  static ObjectNode summary(DeliveryAttempt a, String destinationName) {
    return ResourceJson.attempt(a).put("destination_name", destinationName);
  }

  static ObjectNode detail(DeliveryAttempt a, String destinationName) {
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
