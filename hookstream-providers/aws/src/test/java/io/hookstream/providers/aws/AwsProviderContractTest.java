package io.hookstream.providers.aws;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.tck.DestinationProviderContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The provider contract suite, run by each AWS type against endpoints the suite controls. */
class AwsProviderContractTest {

  private static Map<String, Object> common(String endpoint, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("region", "us-east-1");
    config.put("access_key_id", "AKIAHOOKSTREAMCTRCT1");
    config.put("secret_access_key", secret);
    config.put("endpoint", endpoint);
    return config;
  }

  abstract static class AwsContract extends DestinationProviderContract {
    final AwsDestinationProvider provider =
        create(AwsProviders.builder().allowPrivateNetworks(true).build());

    abstract AwsDestinationProvider create(AwsProviders providers);

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
  class Sqs extends AwsContract {
    @Override
    AwsDestinationProvider create(AwsProviders providers) {
      return providers.sqs();
    }

    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      Map<String, Object> config = common(endpoint, secret);
      config.put("queue_url", endpoint + "/000000000000/orders");
      return config;
    }
  }

  @Nested
  class S3 extends AwsContract {
    @Override
    AwsDestinationProvider create(AwsProviders providers) {
      return providers.s3();
    }

    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      Map<String, Object> config = common(endpoint, secret);
      config.put("bucket", "webhook-archive");
      config.put("prefix", "webhooks/");
      return config;
    }
  }

  @Nested
  class EventBridge extends AwsContract {
    @Override
    AwsDestinationProvider create(AwsProviders providers) {
      return providers.eventBridge();
    }

    @Override
    protected Map<String, Object> validConfig(String endpoint, String secret) {
      Map<String, Object> config = common(endpoint, secret);
      config.put("event_bus_arn", "default");
      config.put("source", "hookstream");
      config.put("detail_type", "WebhookEvent");
      return config;
    }
  }
}
