package io.hookstream.providers.http;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.tck.DestinationProviderContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

class HttpDestinationProviderContractTest extends DestinationProviderContract {

  // The contract's endpoints are on loopback, so the SSRF guard is opened for them.
  private static final HttpDestinationProvider PROVIDER =
      HttpDestinationProvider.builder().allowPrivateNetworks(true).build();

  @AfterAll
  static void close() {
    PROVIDER.close();
  }

  @Override
  protected DestinationProvider provider() {
    return PROVIDER;
  }

  @Override
  protected Map<String, Object> validConfig(String endpoint, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", endpoint);
    config.put("headers", Map.of("Authorization", "Bearer " + secret));
    config.put("signing_config", Map.of("secret", secret));
    return config;
  }
}
