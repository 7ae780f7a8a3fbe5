package io.hookstream.providers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SASL PLAIN and SCRAM against a real broker whose listeners are SASL_PLAINTEXT, with ACLs. */
class SaslDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static KafkaCluster cluster;

  private final KafkaDestinationProvider provider =
      KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = KafkaCluster.start(SecurityProtocol.SASL_PLAINTEXT);
    cluster.createTopic("secure");
    cluster.addScramWriter("scram-writer", "scram-writer-secret", "secure");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private static Map<String, Object> config(String user, String password) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap_servers", cluster.bootstrap());
    config.put("topic", "secure");
    config.put("security_protocol", "SASL_PLAINTEXT");
    config.put("sasl_mechanism", "PLAIN");
    config.put("api_key", user);
    config.put("api_secret", password);
    config.put("timeout_ms", 5000);
    return config;
  }

  @Test
  void theRightPasswordDelivers() {
    DeliveryResult result =
        provider.deliver(
            Requests.json(config(KafkaCluster.ADMIN, KafkaCluster.ADMIN_PASSWORD), "{}").build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.responseBody()).startsWith("partition=0 offset=");
  }

  @Test
  void scramSha256DeliversForAUserWithAWriteGrant() {
    Map<String, Object> config = config("scram-writer", "scram-writer-secret");
    config.put("sasl_mechanism", "SCRAM-SHA-256");

    DeliveryResult result = provider.deliver(Requests.json(config, "{}").build());

    assertThat(result.success()).as(result.error()).isTrue();
  }

  @Test
  void aWrongPasswordIsAnAuthFailureThatIsNotRetried() {
    DeliveryAttempt attempt = attemptWith(config(KafkaCluster.ADMIN, "not-the-password-4321"));

    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.error())
        .startsWith("SaslAuthenticationException")
        .doesNotContain("not-the-password");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
    assertThat(provider.openClients()).as("the failed producer is closed").isZero();
  }

  @Test
  void aUserWithoutAGrantOnTheTopicIsAnAuthFailureThatIsNotRetried() {
    DeliveryAttempt attempt = attemptWith(config(KafkaCluster.USER, KafkaCluster.USER_PASSWORD));

    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.error()).startsWith("TopicAuthorizationException");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
  }

  private DeliveryAttempt attemptWith(Map<String, Object> config) {
    String src = KafkaDestinations.connect(hs, config);
    return hs.awaitAttempts(hs.send(src, "{\"a\":1}").eventId(), 1, WAIT).get(0);
  }
}
