package io.hookstream.providers.kafka;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.testkit.HookstreamExtension;
import java.util.Map;

/** Kafka destinations made through the engine's Java API, as a user makes them. */
final class KafkaDestinations {

  private KafkaDestinations() {}

  static Destination create(HookstreamExtension hs, Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder().name("stream").type("kafka").config(config).build());
  }

  /** A new source connected to {@code destination}; its id. */
  static String connect(HookstreamExtension hs, Destination destination) {
    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(
            hs.scope(),
            ConnectionSpec.builder().sourceId(src).destinationId(destination.id()).build());
    return src;
  }

  /** A new source connected to a new destination with {@code config}; the source's id. */
  static String connect(HookstreamExtension hs, Map<String, Object> config) {
    return connect(hs, create(hs, config));
  }
}
