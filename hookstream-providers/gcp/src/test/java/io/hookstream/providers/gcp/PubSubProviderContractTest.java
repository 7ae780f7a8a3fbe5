package io.hookstream.providers.gcp;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.tck.DestinationProviderContract;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The provider contract suite for gcp_pubsub; the key's token URI points at the suite's endpoint
 * too, so an unreachable or silent server is met at the token exchange.
 */
class PubSubProviderContractTest extends DestinationProviderContract {

  private static final KeyPair KEY = ServiceAccounts.rsa();

  private final PubSubDestinationProvider provider =
      GcpProviders.builder().allowPrivateNetworks(true).build().pubSub();

  @Override
  protected DestinationProvider provider() {
    return provider;
  }

  @Override
  protected Map<String, Object> validConfig(String endpoint, String secret) {
    Map<String, Object> key = ServiceAccounts.keyFile(KEY, endpoint + "/token");
    key.put("private_key_id", secret);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("project_id", "proj-contract");
    config.put("topic_id", "webhook-events");
    config.put("service_account_json", key);
    config.put("endpoint", endpoint);
    return config;
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }
}
