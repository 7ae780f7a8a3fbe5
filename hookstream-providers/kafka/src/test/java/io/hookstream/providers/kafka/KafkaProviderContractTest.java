package io.hookstream.providers.kafka;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.tck.DestinationProviderContract;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The provider contract suite, run by each mode against endpoints the suite controls. */
class KafkaProviderContractTest {

  abstract static class KafkaContract extends DestinationProviderContract {
    final KafkaDestinationProvider provider =
        KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();

    @Override
    protected DestinationProvider provider() {
      return provider;
    }

    @AfterEach
    void closeProvider() {
      provider.close();
    }
  }

  @Nested
  class NativeProducer extends KafkaContract {
    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      URI uri = URI.create(endpoint);
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("bootstrap_servers", uri.getHost() + ":" + uri.getPort());
      config.put("topic", "webhook-events");
      config.put("security_protocol", "SASL_PLAINTEXT");
      config.put("api_key", "contract-user");
      config.put("api_secret", secret);
      return config;
    }
  }

  @Nested
  class RestProxy extends KafkaContract {
    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("bootstrap_servers", "pkc-contract.us-east-1.aws.confluent.cloud:9092");
      config.put("cluster_id", "lkc-contract");
      config.put("topic", "webhook-events");
      config.put("api_key", "contract-user");
      config.put("api_secret", secret);
      config.put("rest_endpoint", endpoint);
      return config;
    }
  }
}
