package io.hookstream.providers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.testkit.HookstreamExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The native producer against a real KRaft broker in this JVM: records read back with a consumer,
 * and failures run through the real engine on a manual clock.
 */
class NativeDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static KafkaCluster cluster;

  private final KafkaDestinationProvider provider =
      KafkaProviders.builder().allowPrivateNetworks(true).build().kafka();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = KafkaCluster.start(SecurityProtocol.PLAINTEXT);
    cluster.createTopic("orders");
    cluster.createTopic("keyed");
    cluster.createTopic("managed");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private static Map<String, Object> config(String topic) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap_servers", cluster.bootstrap());
    config.put("topic", topic);
    config.put("security_protocol", "PLAINTEXT");
    config.put("timeout_ms", 3000);
    return config;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void producesTheBodyKeyedByEventIdWithHookstreamHeaders() {
    DeliveryResult result =
        provider.deliver(Requests.json(config("orders"), "{\"order\":42}").build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.responseBody()).isEqualTo("partition=0 offset=0");
    ConsumerRecord<String, byte[]> record = cluster.read("orders", 1).get(0);
    assertThat(record.key()).isEqualTo(Requests.EVENT_ID);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":42}");
    assertThat(header(record, "hookstream-event-id")).isEqualTo(Requests.EVENT_ID);
    assertThat(header(record, "hookstream-destination-id")).isEqualTo(Requests.DESTINATION_ID);
    assertThat(header(record, "hookstream-source-id")).isEqualTo(Requests.SOURCE_ID);
    assertThat(header(record, "hookstream-received-at")).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(header(record, "hookstream-attempt")).isEqualTo("1");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
  }

  @Test
  void theKeyComesFromTheConfiguredFieldPathOrFallsBackToTheEventId() {
    Map<String, Object> config = config("keyed");
    config.put("key", "$.data.customer");

    provider.deliver(Requests.json(config, "{\"data\":{\"customer\":\"cus_42\"}}").build());
    provider.deliver(Requests.json(config, "{\"data\":{}}").build());

    List<ConsumerRecord<String, byte[]>> records = cluster.read("keyed", 2);
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .containsExactly("cus_42", Requests.EVENT_ID);
  }

  @Test
  void tlsIsOnUnlessTheConfigSaysOtherwise() {
    Map<String, Object> config = config("orders");
    config.remove("security_protocol");

    DeliveryResult result =
        provider.deliver(Requests.json(config, "{}").timeout(Duration.ofSeconds(2)).build());

    assertThat(result.success()).isFalse(); // a TLS client cannot talk to a plaintext listener
  }

  @Test
  void aMissingTopicIsNotFoundAndNotRetried() {
    String src = KafkaDestinations.connect(hs, config("no-such-topic"));
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.error()).contains("topic does not exist");
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
  }

  @Test
  void noBrokerIsARetryableFailure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, Object> config = config("orders");
    config.put("bootstrap_servers", "127.0.0.1:" + port);
    config.put("timeout_ms", 1000);
    String src = KafkaDestinations.connect(hs, config);
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.errorType()).isIn(ErrorTypes.NETWORK, ErrorTypes.TIMEOUT);
    assertThat(attempt.error()).contains("no broker answered");
    assertThat(attempt.dlq()).isFalse();
    assertThat(attempt.nextRetryAt()).isEqualTo(attempt.attemptedAt().plusSeconds(30));
  }

  @Test
  void credentialsAreMaskedAndTheProducerIsClosedOnDelete() {
    Map<String, Object> config = config("managed");
    config.put("api_key", "ABCDEFGHIJKLMNOP");
    config.put("api_secret", "ABCdef123-secret-value-9876");
    Destination d = KafkaDestinations.create(hs, config);
    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown).containsEntry("api_key", "****MNOP").containsEntry("api_secret", "****9876");

    String src = KafkaDestinations.connect(hs, d);
    DeliveryAttempt attempt = hs.awaitAttempts(hs.send(src, "{}").eventId(), 1, WAIT).get(0);
    assertThat(attempt.status()).isEqualTo("success");
    assertThat(provider.openClients()).isEqualTo(1);

    hs.engine().destinations().delete(hs.scope(), d.id());
    assertThat(provider.openClients()).isZero();
  }
}
