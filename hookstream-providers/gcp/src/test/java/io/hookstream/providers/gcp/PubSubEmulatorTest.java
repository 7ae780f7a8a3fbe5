package io.hookstream.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gcp_pubsub end to end into Google's Pub/Sub emulator (a child JVM), the messages pulled back from
 * a subscription; the token comes from a loopback endpoint that verifies the RS256 JWT, since the
 * emulator ignores authentication.
 */
class PubSubEmulatorTest extends PubSubTestBase {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final KeyPair KEY = ServiceAccounts.rsa();
  private static PubSubEmulator emulator;
  private static GoogleStub google;

  @BeforeAll
  static void start() throws Exception {
    emulator = PubSubEmulator.start();
    google = GoogleStub.start(KEY.getPublic());
    emulator.createTopic("proj-test", "webhook-events");
    emulator.createSubscription("proj-test", "webhook-events-sub", "webhook-events");
  }

  @AfterAll
  static void stop() throws Exception {
    if (google != null) {
      google.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static String keyFile() {
    return ServiceAccounts.keyFileText(KEY, google.tokenUri());
  }

  @Test
  void theBodyArrivesAsDataWithEventAndSourceIdAttributes() throws Exception {
    Destination d = create(config(emulator.endpoint(), "webhook-events", keyFile()));
    assertThat(d.type()).isEqualTo("gcp_pubsub");
    String src = connect(d);
    String body = "{\"order\":42,\"note\":\"caf\u00e9\"}";

    String evt = hs.send(src, body).eventId();
    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.status()).as(attempt.error()).isEqualTo("success");
    JsonNode received = emulator.pull("proj-test", "webhook-events-sub");
    assertThat(received).hasSize(1);
    JsonNode message = received.get(0).path("message");
    assertThat(
            new String(
                Base64.getDecoder().decode(message.path("data").asText()), StandardCharsets.UTF_8))
        .isEqualTo(body);
    assertThat(message.path("attributes").path("event_id").asText()).isEqualTo(evt);
    assertThat(message.path("attributes").path("source_id").asText()).isEqualTo(src);
    assertThat(google.exchanges()).isPositive();
  }

  @Test
  void aMissingTopicIsNotFoundAndNotRetried() {
    String src = connect(config(emulator.endpoint(), "no-such-topic", keyFile()));

    String evt = hs.send(src, "{}").eventId();
    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.statusCode()).isEqualTo(404);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.error()).isEqualTo("NOT_FOUND: Topic not found");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
  }
}
