package io.hookstream.providers.rabbitmq;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.tck.DestinationProviderContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The provider contract suite, in both modes, against endpoints the suite controls. */
class RabbitMqProviderContractTest {

  abstract static class RabbitContract extends DestinationProviderContract {
    final RabbitMqDestinationProvider provider =
        RabbitMqProviders.builder().allowPrivateNetworks(true).build().rabbitmq();

    abstract String url(String endpoint);

    @Override
    protected DestinationProvider provider() {
      return provider;
    }

    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("url", url(endpoint));
      config.put("vhost", "/");
      config.put("exchange", "webhooks");
      config.put("routing_key", "events");
      config.put("username", "hookstream");
      config.put("password", secret);
      return config;
    }

    @AfterEach
    void closeProvider() {
      provider.close();
    }
  }

  @Nested
  class ManagementApi extends RabbitContract {
    @Override
    String url(String endpoint) {
      return endpoint.replace("/hooks", "");
    }
  }

  @Nested
  class Amqp extends RabbitContract {
    @Override
    String url(String endpoint) {
      return endpoint.replace("/hooks", "").replace("http://", "amqp://");
    }
  }
}
