package io.hookstream.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configs as users write them: write-time validation naming each field, the seed's type aliases,
 * credentials masked on read and encrypted at rest, and the SSRF guard on endpoints.
 */
class AwsConfigTest {

  private final InMemoryStore store = new InMemoryStore();
  private final AwsProviders aws = AwsProviders.builder().allowPrivateNetworks(true).build();
  private final AwsDestinationProvider sqs = aws.sqs();

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b ->
              b.store(store)
                  .secretKeys(SecretKeys.primary(new byte[SecretKeys.KEY_BYTES]))
                  .provider(sqs)
                  .provider(aws.s3())
                  .provider(aws.eventBridge()));

  private Destination create(String type, Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder()
                .name(type + " destination")
                .type(type)
                .config(config)
                .build());
  }

  private List<FieldError> errorsCreating(String type, Map<String, Object> config) {
    try {
      create(type, config);
    } catch (HookstreamException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return e.fieldErrors();
    }
    throw new AssertionError("expected a validation error");
  }

  @Test
  void everyRequiredFieldIsNamedWhenMissing() {
    assertThat(errorsCreating("sqs", Map.of()))
        .extracting(FieldError::field)
        .contains("config.queue_url", "config.region");
    assertThat(errorsCreating("s3", Map.of()))
        .extracting(FieldError::field)
        .contains("config.bucket", "config.prefix", "config.region");
    assertThat(errorsCreating("eventbridge", Map.of()))
        .extracting(FieldError::field)
        .contains("config.event_bus_arn", "config.source", "config.detail_type", "config.region");
  }

  @Test
  void badValuesAreNamedWithWhatIsExpected() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("queue_url", "sqs.us-east-1.amazonaws.com/123/q");
    config.put("region", "US East");
    config.put("access_key_id", "AKIAONLYTHEKEYID0001");
    config.put("message_group_id", "group");
    List<FieldError> errors = errorsCreating("aws_sqs", config);

    assertThat(errors)
        .extracting(FieldError::field)
        .contains("config.queue_url", "config.region", "config.secret_access_key");
    assertThat(errors)
        .filteredOn(e -> e.field().equals("config.queue_url"))
        .extracting(FieldError::message)
        .containsExactly("must be an absolute http or https URL");

    Map<String, Object> s3 =
        Map.of("bucket", "Bad_Bucket", "prefix", "", "region", "us-east-1", "format", "xml");
    assertThat(errorsCreating("s3", s3))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("config.bucket", "config.format");
  }

  @Test
  void messageGroupIdNeedsAFifoQueue() {
    Map<String, Object> config =
        Map.of(
            "queue_url",
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            "region",
            "us-east-1",
            "message_group_id",
            "g1");
    assertThat(errorsCreating("sqs", config))
        .extracting(FieldError::field)
        .containsExactly("config.message_group_id");
  }

  @Test
  void keysMayBeOmittedForTheDefaultCredentialChain() {
    Destination d =
        create(
            "sqs",
            Map.of(
                "queue_url",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
                "region",
                "eu-west-1"));
    assertThat(d.type()).isEqualTo("aws_sqs");
  }

  @Test
  void credentialsAreMaskedOnReadAndEncryptedAtRest() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bucket", "archive");
    config.put("prefix", "webhooks/");
    config.put("region", "us-east-1");
    config.put("access_key_id", "AKIAEXAMPLEKEYID7777");
    config.put("secret_access_key", "wJalrXUtnFEMI-example-secret-9999");
    config.put("session_token", "session-token-value-abcdefgh-5555");
    Destination d = create("aws_s3", config);

    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown)
        .containsEntry("access_key_id", "****7777")
        .containsEntry("secret_access_key", "****9999")
        .containsEntry("session_token", "****5555")
        .containsEntry("bucket", "archive");
    String stored = store.destinations().findById(d.id()).orElseThrow().configJson();
    assertThat(stored)
        .doesNotContain("AKIAEXAMPLEKEYID7777")
        .doesNotContain("wJalrXUtnFEMI-example-secret-9999")
        .doesNotContain("session-token-value-abcdefgh-5555")
        .contains("archive");
  }

  @Test
  void aMaskedSecretSentBackKeepsTheStoredOne() {
    Destination d =
        create(
            "sqs",
            Map.of(
                "queue_url",
                "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
                "region",
                "us-east-1",
                "access_key_id",
                "AKIAEXAMPLEKEYID7777",
                "secret_access_key",
                "wJalrXUtnFEMI-example-secret-9999"));
    Map<String, Object> read = d.config();

    hs.engine().destinations().update(hs.scope(), d.id(), b -> b.config(read));

    assertThat(hs.engine().destinations().revealConfig(hs.scope(), d.id()))
        .containsEntry("secret_access_key", "wJalrXUtnFEMI-example-secret-9999");
  }

  @Test
  void aPrivateEndpointIsRefusedUnlessAllowed() {
    AwsDestinationProvider guarded = AwsProviders.all().get(0);
    Map<String, Object> config =
        Map.of("queue_url", "http://127.0.0.1:9324/000000000000/q", "region", "us-east-1");
    assertThat(guarded.validate(config)).extracting(FieldError::field).containsExactly("queue_url");
    Map<String, Object> named =
        Map.of(
            "queue_url",
            "https://sqs.us-east-1.amazonaws.com/123456789012/q",
            "region",
            "us-east-1",
            "endpoint",
            "http://localhost:9324");
    assertThat(guarded.validate(named)).isEmpty();

    DeliveryResult result = guarded.deliver(Requests.json(named, "{}").build());

    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("loopback").contains("allowPrivateNetworks");
    guarded.close();
  }

  @Test
  void aMetadataEndpointIsRefusedEvenWhenPrivateNetworksAreAllowed() {
    Map<String, Object> config =
        Map.of(
            "queue_url",
            "https://sqs.us-east-1.amazonaws.com/1/q",
            "region",
            "us-east-1",
            "endpoint",
            "http://169.254.169.254/");
    assertThat(sqs.validate(config)).extracting(FieldError::field).containsExactly("endpoint");
  }

  @Test
  void theClientIsClosedWhenItsDestinationChanges() {
    ElasticMq server = ElasticMq.start();
    try {
      String queue = server.createQueue("changes");
      Destination d =
          create(
              "sqs",
              Map.of(
                  "queue_url",
                  queue,
                  "region",
                  "us-east-1",
                  "access_key_id",
                  "AKIAEXAMPLEKEYID7777",
                  "secret_access_key",
                  "secret-0000000000"));
      String src = hs.source(s -> s).id();
      hs.engine()
          .connections()
          .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
      String evt = hs.send(src, "{}").eventId();
      assertThat(hs.awaitAttempts(evt, 1, Duration.ofSeconds(10)).get(0).status())
          .isEqualTo("success");
      assertThat(sqs.openClients()).isEqualTo(1);

      hs.engine().destinations().update(hs.scope(), d.id(), b -> b.name("renamed"));
      assertThat(sqs.openClients()).isZero();
    } finally {
      server.close();
    }
  }
}
