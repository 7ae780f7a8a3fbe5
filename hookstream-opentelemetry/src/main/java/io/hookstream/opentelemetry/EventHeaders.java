package io.hookstream.opentelemetry;

import io.hookstream.observe.OutgoingDelivery;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * How the propagator reads an attempt's event headers (the request the event arrived with) and
 * writes its outbound ones.
 */
final class EventHeaders {

  /** Reads the stored inbound headers; the W3C propagator asks only for its two. */
  static final TextMapGetter<OutgoingDelivery> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(OutgoingDelivery carrier) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(OutgoingDelivery carrier, String key) {
          return carrier == null ? null : carrier.eventHeader(key).orElse(null);
        }
      };

  /** Adds the outbound headers. */
  static final TextMapSetter<OutgoingDelivery> SETTER =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.header(key, value);
        }
      };

  private EventHeaders() {}
}
