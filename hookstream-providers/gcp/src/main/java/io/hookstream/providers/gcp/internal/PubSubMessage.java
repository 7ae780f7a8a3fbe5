package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.JsonSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publish request of one delivery, as the seed gives it: the body base64 in {@code data}, the
 * attributes {@code event_id} and {@code source_id} (when the event has a source). Stateless.
 */
public final class PubSubMessage {

  /** Pub/Sub's limit for one publish request. */
  public static final int MAX_REQUEST_BYTES = 10_000_000;

  private PubSubMessage() {}

  /** The attributes sent, as the delivery log shows them. */
  public static Map<String, String> attributes(DeliveryRequest r) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("event_id", r.eventId());
    if (r.event().sourceId() != null) {
      a.put("source_id", r.event().sourceId());
    }
    return a;
  }

  /** {@code {"messages":[{"data":"...","attributes":{...}}]}} as UTF-8. */
  public static byte[] publishBody(DeliveryRequest r) {
    StringBuilder out = new StringBuilder("{\"messages\":[{\"data\":\"");
    out.append(Base64.getEncoder().encodeToString(r.body())).append("\",\"attributes\":{");
    String separator = "";
    for (var e : attributes(r).entrySet()) {
      out.append(separator);
      JsonSyntax.quote(out, e.getKey());
      out.append(':');
      JsonSyntax.quote(out, e.getValue());
      separator = ",";
    }
    return out.append("}}]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The attributes as request details for the delivery log. */
  public static Map<String, List<String>> details(DeliveryRequest r) {
    Map<String, List<String>> details = new LinkedHashMap<>();
    attributes(r).forEach((k, v) -> details.put(k, List.of(v)));
    return details;
  }
}
