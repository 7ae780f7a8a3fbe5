package io.hookstream.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * aws_eventbridge against a loopback PutEvents server that checks every SigV4 signature with the
 * AWS SDK's own signer; failures run through the real engine on a manual clock.
 */
class EventBridgeDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SigV4Stub stub;

  private final AwsDestinationProvider provider =
      AwsProviders.builder().allowPrivateNetworks(true).build().eventBridge();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startServer() throws Exception {
    stub = SigV4Stub.start("events");
  }

  @AfterAll
  static void stopServer() {
    stub.close();
  }

  private static Map<String, Object> config(String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("event_bus_arn", "arn:aws:events:us-east-1:123456789012:event-bus/orders");
    config.put("region", SigV4Stub.REGION);
    config.put("source", "hookstream");
    config.put("detail_type", "WebhookEvent");
    config.put("access_key_id", SigV4Stub.KEY_ID);
    config.put("secret_access_key", secret);
    config.put("endpoint", stub.endpoint().toString());
    return config;
  }

  private JsonNode lastEntry() throws Exception {
    List<SigV4Stub.Received> got = stub.received();
    JsonNode request = JSON.readTree(got.get(got.size() - 1).body());
    return request.path("Entries").get(0);
  }

  @Test
  void publishesTheBodyAsDetailWithSourceDetailTypeAndBusSigned() throws Exception {
    int before = stub.received().size();
    DeliveryResult result =
        provider.deliver(Requests.json(config(SigV4Stub.SECRET), "{\"order\":42}").build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(stub.received()).hasSize(before + 1);
    assertThat(stub.received().get(before).target()).isEqualTo("AWSEvents.PutEvents");
    JsonNode entry = lastEntry();
    assertThat(entry.path("Source").asText()).isEqualTo("hookstream");
    assertThat(entry.path("DetailType").asText()).isEqualTo("WebhookEvent");
    assertThat(entry.path("EventBusName").asText())
        .isEqualTo("arn:aws:events:us-east-1:123456789012:event-bus/orders");
    assertThat(JSON.readTree(entry.path("Detail").asText()))
        .isEqualTo(JSON.readTree("{\"order\":42}"));
    assertThat(result.responseBody()).startsWith("EventId=eb-");
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsWrappedIntoOne() throws Exception {
    provider.deliver(Requests.json(config(SigV4Stub.SECRET), "plain text").build());
    assertThat(JSON.readTree(lastEntry().path("Detail").asText()))
        .isEqualTo(JSON.readTree("{\"body\":\"plain text\"}"));

    provider.deliver(Requests.json(config(SigV4Stub.SECRET), "[1,2]").build());
    assertThat(JSON.readTree(lastEntry().path("Detail").asText()))
        .isEqualTo(JSON.readTree("{\"body\":[1,2]}"));
  }

  @Test
  void aFailedEntryInA200IsAFailureClassifiedByItsCode() {
    stub.enqueue(
        200,
        "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":"
            + "\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}");
    DeliveryResult throttled =
        provider.deliver(Requests.json(config(SigV4Stub.SECRET), "{}").build());
    stub.enqueue(
        200,
        "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":"
            + "\"MalformedDetail\",\"ErrorMessage\":\"Detail is malformed.\"}]}");
    DeliveryResult malformed =
        provider.deliver(Requests.json(config(SigV4Stub.SECRET), "{}").build());

    assertThat(throttled.success()).isFalse();
    assertThat(throttled.failureKind()).isEqualTo(FailureKind.THROTTLED);
    assertThat(throttled.retryable()).isTrue();
    assertThat(throttled.error()).isEqualTo("ThrottlingException: Rate exceeded");
    assertThat(malformed.success()).isFalse();
    assertThat(malformed.retryable()).isFalse();
    assertThat(malformed.error()).startsWith("MalformedDetail");
  }

  @Test
  void aWrongSecretIsRefusedByTheServerAndNotRetried() {
    String src = connect(config("not-the-right-secret-000000"));
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(stub.rejected()).contains("signature mismatch");
    assertThat(attempt.statusCode()).isEqualTo(403);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
    assertThat(attempt.error())
        .startsWith("InvalidSignatureException")
        .doesNotContain("not-the-right-secret");
  }

  @Test
  void throttlingIsRetriedOnTheSchedule() {
    String src = connect(config(SigV4Stub.SECRET));
    stub.enqueue(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt first = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(first.errorType()).isEqualTo(ErrorTypes.THROTTLED);
    assertThat(first.dlq()).isFalse();
    assertThat(first.nextRetryAt()).isEqualTo(first.attemptedAt().plusSeconds(30));

    hs.advance(Duration.ofSeconds(30));
    DeliveryAttempt second = hs.awaitAttempts(evt, 2, WAIT).get(1);
    assertThat(second.status()).isEqualTo("success");
  }

  @Test
  void serverErrorsAreRetriedAndAMissingBusIsNot() {
    String src = connect(config(SigV4Stub.SECRET));
    stub.enqueue(500, "{\"__type\":\"InternalException\",\"message\":\"boom\"}");
    String failing = hs.send(src, "{\"a\":1}").eventId();
    DeliveryAttempt fiveHundred = hs.awaitAttempts(failing, 1, WAIT).get(0);

    stub.enqueue(
        400,
        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus"
            + " orders does not exist on account 123456789012.\"}");
    String missing = hs.send(src, "{\"a\":2}").eventId();
    DeliveryAttempt notFound = hs.awaitAttempts(missing, 1, WAIT).get(0);

    assertThat(fiveHundred.errorType()).isEqualTo(ErrorTypes.HTTP_5XX);
    assertThat(fiveHundred.nextRetryAt()).isNotNull();
    assertThat(notFound.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(notFound.dlq()).isTrue();
    // No account id in the visible record.
    assertThat(notFound.error()).doesNotContain("123456789012");
  }

  @Test
  void credentialsAreMaskedInJavaReadsAndTheClientIsClosedOnDelete() {
    Destination d =
        hs.engine()
            .destinations()
            .create(
                hs.scope(),
                DestinationSpec.builder()
                    .name("bus")
                    .type("eventbridge")
                    .config(config(SigV4Stub.SECRET))
                    .build());
    assertThat(d.type()).isEqualTo("aws_eventbridge");
    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown.get("secret_access_key"))
        .isEqualTo("****" + SigV4Stub.SECRET.substring(SigV4Stub.SECRET.length() - 4));
    assertThat(shown.get("access_key_id")).isEqualTo("****UB01");
    assertThat(d.config().toString()).doesNotContain(SigV4Stub.SECRET);

    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT);
    assertThat(provider.openClients()).isEqualTo(1);

    hs.engine().destinations().delete(hs.scope(), d.id());
    assertThat(provider.openClients()).isZero();
  }

  private String connect(Map<String, Object> config) {
    Destination d =
        hs.engine()
            .destinations()
            .create(
                hs.scope(),
                DestinationSpec.builder()
                    .name("bus")
                    .type("aws_eventbridge")
                    .config(config)
                    .build());
    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    return src;
  }
}
