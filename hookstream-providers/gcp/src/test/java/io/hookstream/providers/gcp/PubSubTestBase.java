package io.hookstream.providers.gcp;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.testkit.HookstreamExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An engine on a manual clock with a {@code gcp_pubsub} provider on the same clock (loopback
 * endpoints allowed), and the steps the tests share: a config, a destination, a connected source.
 */
abstract class PubSubTestBase {

  PubSubDestinationProvider provider;

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b -> {
            provider =
                GcpProviders.builder()
                    .allowPrivateNetworks(true)
                    .clock(this.hs.clock())
                    .build()
                    .pubSub();
            return b.provider(provider);
          });

  static Map<String, Object> config(String endpoint, String topic, Object serviceAccount) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("project_id", "proj-test");
    config.put("topic_id", topic);
    config.put("service_account_json", serviceAccount);
    config.put("endpoint", endpoint);
    return config;
  }

  Destination create(Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder().name("topic").type("pubsub").config(config).build());
  }

  /** A new source connected to a new destination with {@code config}; the source id. */
  String connect(Map<String, Object> config) {
    return connect(create(config));
  }

  String connect(Destination d) {
    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    return src;
  }
}
