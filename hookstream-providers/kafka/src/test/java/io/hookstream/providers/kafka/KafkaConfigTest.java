package io.hookstream.providers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.destination.Destination;
import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.testkit.HookstreamExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configs as users write them: write-time validation naming each field, credentials masked on read
 * and encrypted at rest, and the SSRF guard on the bootstrap address and the REST Proxy URL.
 */
class KafkaConfigTest {

  private final InMemoryStore store = new InMemoryStore();

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b ->
              b.store(store)
                  .secretKeys(SecretKeys.primary(new byte[SecretKeys.KEY_BYTES]))
                  .provider(KafkaProviders.builder().allowPrivateNetworks(true).build().kafka()));

  private List<FieldError> errorsCreating(Map<String, Object> config) {
    try {
      KafkaDestinations.create(hs, config);
    } catch (HookstreamException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return e.fieldErrors();
    }
    throw new AssertionError("expected a validation error");
  }

  private static Map<String, Object> seedConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap_servers", "pkc-xxxxx.us-east-1.aws.confluent.cloud:9092");
    config.put("cluster_id", "lkc-xxxxx");
    config.put("topic", "webhook-events");
    config.put("api_key", "ABCDEFGHIJKLMNOP");
    config.put("api_secret", "ABCdef123-secret-value-9876");
    return config;
  }

  @Test
  void theSeedsExampleIsValid() {
    assertThat(KafkaDestinations.create(hs, seedConfig()).type()).isEqualTo("kafka");
  }

  @Test
  void everyRequiredFieldIsNamedWhenMissing() {
    assertThat(errorsCreating(Map.of()))
        .extracting(FieldError::field)
        .contains("config.bootstrap_servers", "config.topic");
    assertThat(
            errorsCreating(
                Map.of("bootstrap_servers", "b:9092", "topic", "t", "cluster_id", "lkc-1")))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("config.api_key", "config.api_secret");
  }

  @Test
  void badValuesAreNamedWithWhatIsExpected() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap_servers", "broker-without-port");
    config.put("topic", "bad topic!");
    config.put("security_protocol", "TLS");
    config.put("sasl_mechanism", "GSSAPI");
    config.put("key", "data..id");
    config.put("rest_endpoint", "ftp://proxy");
    List<FieldError> errors = errorsCreating(config);

    assertThat(errors)
        .extracting(FieldError::field)
        .contains(
            "config.bootstrap_servers",
            "config.topic",
            "config.security_protocol",
            "config.sasl_mechanism",
            "config.key",
            "config.rest_endpoint");
    assertThat(errors)
        .filteredOn(e -> e.field().equals("config.security_protocol"))
        .extracting(FieldError::message)
        .containsExactly("must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
  }

  @Test
  void saslWithoutCredentialsIsRefused() {
    Map<String, Object> config =
        Map.of("bootstrap_servers", "b:9092", "topic", "t", "security_protocol", "sasl_ssl");
    assertThat(errorsCreating(config))
        .extracting(FieldError::field)
        .containsExactly("config.api_key");
  }

  @Test
  void credentialsAreMaskedOnReadAndEncryptedAtRest() {
    Destination d = KafkaDestinations.create(hs, seedConfig());

    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown)
        .containsEntry("api_key", "****MNOP")
        .containsEntry("api_secret", "****9876")
        .containsEntry("topic", "webhook-events");
    String stored = store.destinations().findById(d.id()).orElseThrow().configJson();
    assertThat(stored)
        .doesNotContain("ABCdef123-secret-value-9876")
        .doesNotContain("ABCDEFGHIJKLMNOP")
        .contains("webhook-events");
  }

  @Test
  void aPrivateBootstrapAddressIsRefusedUnlessAllowed() {
    KafkaDestinationProvider guarded = KafkaProviders.all().get(0);
    Map<String, Object> literal = Map.of("bootstrap_servers", "127.0.0.1:9092", "topic", "t");
    assertThat(guarded.validate(literal))
        .extracting(FieldError::field)
        .containsExactly("bootstrap_servers");

    Map<String, Object> named =
        Map.of(
            "bootstrap_servers", "localhost:9092", "topic", "t", "security_protocol", "PLAINTEXT");
    assertThat(guarded.validate(named)).isEmpty();
    DeliveryResult result = guarded.deliver(Requests.json(named, "{}").build());

    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("loopback").contains("allowPrivateNetworks");
    assertThat(guarded.openClients()).as("no producer was built").isZero();
    guarded.close();
  }

  @Test
  void aPrivateRestProxyIsRefusedAndMetadataAddressesAlways() {
    KafkaDestinationProvider guarded = KafkaProviders.all().get(0);
    Map<String, Object> rest = seedConfig();
    rest.put("rest_endpoint", "http://10.0.0.8:8082");
    assertThat(guarded.validate(rest))
        .extracting(FieldError::field)
        .containsExactly("rest_endpoint");

    KafkaDestinationProvider open =
        KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();
    Map<String, Object> metadata =
        Map.of("bootstrap_servers", "169.254.169.254:9092", "topic", "t");
    assertThat(open.validate(metadata))
        .extracting(FieldError::field)
        .containsExactly("bootstrap_servers");
  }

  @Test
  void aRecordOverTheSizeLimitIsRefusedBeforeSending() {
    KafkaDestinationProvider provider =
        KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();
    Map<String, Object> config = seedConfig();
    config.put("rest_endpoint", "http://127.0.0.1:9");
    String big = "\"" + "x".repeat(1024 * 1024) + "\"";

    DeliveryResult result = provider.deliver(Requests.json(config, big).build());

    assertThat(result.failureKind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(result.retryable()).isFalse();
    assertThat(provider.openClients()).isZero();
  }
}
