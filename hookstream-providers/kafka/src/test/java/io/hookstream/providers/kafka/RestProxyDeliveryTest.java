package io.hookstream.providers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST Proxy v3 mode against a loopback server that checks the request's shape; failures run
 * through the real engine on a manual clock.
 */
class RestProxyDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RestProxyStub stub;

  private final KafkaDestinationProvider provider =
      KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startServer() throws Exception {
    stub = RestProxyStub.start("webhook-events");
  }

  @AfterAll
  static void stopServer() {
    stub.close();
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private static Map<String, Object> config(String topic, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap_servers", "pkc-test.us-east-1.aws.confluent.cloud:9092");
    config.put("cluster_id", RestProxyStub.CLUSTER);
    config.put("topic", topic);
    config.put("api_key", RestProxyStub.KEY);
    config.put("api_secret", secret);
    config.put("rest_endpoint", stub.endpoint().toString());
    return config;
  }

  private RestProxyStub.Produced last() {
    List<RestProxyStub.Produced> all = stub.produced();
    return all.get(all.size() - 1);
  }

  @Test
  void producesTheBodyAsAJsonValueWithBase64HeadersAndBasicAuth() throws Exception {
    DeliveryResult result =
        provider.deliver(
            Requests.json(config("webhook-events", RestProxyStub.SECRET), "{\"order\":42}")
                .build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.responseBody()).startsWith("partition=0 offset=");
    RestProxyStub.Produced p = last();
    assertThat(p.topic()).isEqualTo("webhook-events");
    assertThat(p.value().path("type").asText()).isEqualTo("JSON");
    assertThat(p.value().path("data")).isEqualTo(JSON.readTree("{\"order\":42}"));
    assertThat(p.key().path("data").asText()).isEqualTo(Requests.EVENT_ID);
    assertThat(p.headers())
        .containsEntry("hookstream-event-id", Requests.EVENT_ID)
        .containsEntry("hookstream-destination-id", Requests.DESTINATION_ID)
        .containsEntry("hookstream-source-id", Requests.SOURCE_ID);
  }

  @Test
  void aBodyThatIsNotJsonIsAStringValue() {
    provider.deliver(
        Requests.json(config("webhook-events", RestProxyStub.SECRET), "plain text").build());

    assertThat(last().value().path("type").asText()).isEqualTo("STRING");
    assertThat(last().value().path("data").asText()).isEqualTo("plain text");
  }

  @Test
  void anErrorCodeInsideA200IsAFailure() {
    stub.enqueue(
        200,
        "{\"error_code\":40403,\"message\":\"This server does not host this topic-partition.\"}");

    DeliveryResult result =
        provider.deliver(
            Requests.json(config("webhook-events", RestProxyStub.SECRET), "{}").build());

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(result.retryable()).isFalse();
  }

  @Test
  void aMissingTopicIsNotFoundAndNotRetried() {
    String src = KafkaDestinations.connect(hs, config("no-such-topic", RestProxyStub.SECRET));
    DeliveryAttempt attempt = hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT).get(0);

    assertThat(stub.rejected()).contains("topic");
    assertThat(attempt.statusCode()).isEqualTo(404);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.error()).contains("40403");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
  }

  @Test
  void aWrongSecretIsAnAuthFailureThatIsNotRetried() {
    String src =
        KafkaDestinations.connect(hs, config("webhook-events", "not-the-right-secret-000000"));
    DeliveryAttempt attempt = hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT).get(0);

    assertThat(stub.rejected()).contains("bad Basic credentials");
    assertThat(attempt.statusCode()).isEqualTo(401);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.error()).doesNotContain("not-the-right-secret");
  }

  @Test
  void throttlingIsRetriedOnTheSchedule() {
    String src = KafkaDestinations.connect(hs, config("webhook-events", RestProxyStub.SECRET));
    stub.enqueue(429, "{\"error_code\":42901,\"message\":\"Too many requests\"}");
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt first = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.errorType()).isEqualTo(ErrorTypes.THROTTLED);
    assertThat(first.dlq()).isFalse();
    assertThat(first.nextRetryAt()).isEqualTo(first.attemptedAt().plusSeconds(30));

    hs.advance(Duration.ofSeconds(30));
    assertThat(hs.awaitAttempts(evt, 2, WAIT).get(1).status()).isEqualTo("success");
  }

  @Test
  void serverErrorsAreRetried() {
    String src = KafkaDestinations.connect(hs, config("webhook-events", RestProxyStub.SECRET));
    stub.enqueue(503, "{\"error_code\":50301,\"message\":\"Service unavailable\"}");
    DeliveryAttempt attempt = hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT).get(0);

    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.HTTP_5XX);
    assertThat(attempt.dlq()).isFalse();
    assertThat(attempt.nextRetryAt()).isNotNull();
  }

  @Test
  void theSecretIsMaskedAndTheClientIsClosedOnDelete() {
    Destination d = KafkaDestinations.create(hs, config("webhook-events", RestProxyStub.SECRET));
    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown).containsEntry("api_secret", "****4242").containsEntry("api_key", "****MNOP");

    String src = KafkaDestinations.connect(hs, d);
    hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT);
    assertThat(provider.openClients()).isEqualTo(1);

    hs.engine().destinations().delete(hs.scope(), d.id());
    assertThat(provider.openClients()).isZero();
  }
}
