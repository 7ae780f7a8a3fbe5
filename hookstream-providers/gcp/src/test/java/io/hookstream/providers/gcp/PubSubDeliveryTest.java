package io.hookstream.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gcp_pubsub against loopback token and publish endpoints that check the JWT signature and the
 * bearer token: token caching and refresh, and each failure class with the engine's retry decision
 * on a manual clock.
 */
class PubSubDeliveryTest extends PubSubTestBase {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final KeyPair KEY = ServiceAccounts.rsa();
  private static GoogleStub google;

  @BeforeAll
  static void start() {
    google = GoogleStub.start(KEY.getPublic());
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  private static Map<String, Object> config(KeyPair signer) {
    return config(
        google.endpoint(), "webhook-events", ServiceAccounts.keyFile(signer, google.tokenUri()));
  }

  private DeliveryAttempt deliverOne(String src, String body) {
    String evt = hs.send(src, body).eventId();
    return hs.awaitAttempts(evt, 1, WAIT).get(0);
  }

  @Test
  void oneTokenServesManyPublishesUntilItNearsExpiry() {
    String src = connect(config(KEY));
    int before = google.exchanges();
    int published = google.published().size();

    for (int i = 0; i < 3; i++) {
      assertThat(deliverOne(src, "{\"n\":" + i + "}").status()).isEqualTo("success");
    }
    assertThat(google.exchanges() - before).isEqualTo(1);
    GoogleStub.Published last = google.published().get(published + 2);
    assertThat(last.topicPath()).isEqualTo("projects/proj-test/topics/webhook-events");
    assertThat(new String(last.data(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
    assertThat(last.attributes()).containsKeys("event_id", "source_id");
    assertThat(last.attributes().get("source_id")).isEqualTo(src);

    // The token lives 3599 s; a minute before that it is replaced.
    hs.clock().advance(Duration.ofSeconds(3599 - 59));
    assertThat(deliverOne(src, "{}").status()).isEqualTo("success");
    assertThat(google.exchanges() - before).isEqualTo(2);
  }

  @Test
  void aRevokedTokenIsRefreshedOnceAndThePublishSucceeds() {
    String src = connect(config(KEY));
    assertThat(deliverOne(src, "{}").status()).isEqualTo("success");
    int before = google.exchanges();
    google.revokeTokens();

    DeliveryAttempt attempt = deliverOne(src, "{\"after\":\"revoke\"}");

    assertThat(attempt.status()).isEqualTo("success");
    assertThat(google.exchanges() - before).isEqualTo(1);
  }

  @Test
  void a401AfterTheFreshTokenIsAnAuthFailureWithOnlyOneRefresh() {
    String src = connect(config(KEY));
    assertThat(deliverOne(src, "{}").status()).isEqualTo("success");
    int before = google.exchanges();
    google.enqueue(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    google.enqueue(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");

    DeliveryAttempt attempt = deliverOne(src, "{}");

    assertThat(google.exchanges() - before).isEqualTo(1);
    assertThat(attempt.statusCode()).isEqualTo(401);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.dlq()).isTrue();
  }

  @Test
  void aMessageOverTheRequestLimitIsRefusedBeforeSending() {
    int before = google.published().size();
    DeliveryResult result =
        provider.deliver(
            DeliveryRequest.builder()
                .eventId("evt_0123456789abcdef0123456789abcdef")
                .destinationId("dst_0123456789abcdef0123456789abcdef")
                .config(config(KEY))
                .body(new byte[8_000_000])
                .timestamp(Instant.now())
                .timeout(Duration.ofSeconds(5))
                .build());

    assertThat(result.failureKind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("at most 10000000");
    assertThat(google.published()).hasSize(before);
  }

  @Test
  void aKeyTheTokenEndpointRefusesIsAnAuthFailureNotRetried() {
    String src = connect(config(ServiceAccounts.rsa()));

    DeliveryAttempt attempt = deliverOne(src, "{}");

    assertThat(google.rejected()).contains("Invalid JWT Signature.");
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.error()).startsWith("token exchange: invalid_grant");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
  }

  @Test
  void permissionDeniedAndAMissingTopicAreNotRetried() {
    String src = connect(config(KEY));
    google.enqueue(403, "PERMISSION_DENIED", "User not authorized to perform this action.");
    DeliveryAttempt denied = deliverOne(src, "{}");
    google.enqueue(404, "NOT_FOUND", "Resource not found (resource=webhook-events).");
    DeliveryAttempt missing = deliverOne(src, "{}");

    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(denied.error()).startsWith("PERMISSION_DENIED: User not authorized");
    assertThat(denied.dlq()).isTrue();
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(missing.dlq()).isTrue();
    assertThat(missing.error()).doesNotContain("ya29");
  }

  @Test
  void throttlingIsRetriedOnTheScheduleAndThenDelivered() {
    String src = connect(config(KEY));
    google.enqueue(429, "RESOURCE_EXHAUSTED", "Quota exceeded.");
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
    String src = connect(config(KEY));
    google.enqueue(503, "UNAVAILABLE", "The service is currently unavailable.");

    DeliveryAttempt attempt = deliverOne(src, "{}");

    assertThat(attempt.statusCode()).isEqualTo(503);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.HTTP_5XX);
    assertThat(attempt.dlq()).isFalse();
    assertThat(attempt.nextRetryAt()).isNotNull();
  }

  @Test
  void theKeyIsMaskedWholeInReadsAndTheClientIsClosedOnDelete() {
    Destination d = create(config(KEY));
    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown).containsEntry("service_account_json", "****");
    assertThat(shown).containsEntry("topic_id", "webhook-events");

    String src = connect(d);
    assertThat(deliverOne(src, "{}").status()).isEqualTo("success");
    assertThat(provider.openClients()).isEqualTo(1);

    hs.engine().destinations().delete(hs.scope(), d.id());
    assertThat(provider.openClients()).isZero();
  }
}
