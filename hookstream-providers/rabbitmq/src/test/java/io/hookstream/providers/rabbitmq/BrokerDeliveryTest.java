package io.hookstream.providers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.testkit.HookstreamExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code rabbitmq} type against a real RabbitMQ started by the test, through the real engine
 * with its manual clock: once per mode (Management API, AMQP), the same user-visible behaviour.
 */
abstract class BrokerDeliveryTest {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String PASSWORD = RabbitBroker.PASSWORD;

  static RabbitBroker broker;

  final RabbitMqDestinationProvider provider =
      RabbitMqProviders.builder().allowPrivateNetworks(true).build().rabbitmq();

  private final AtomicInteger destinations = new AtomicInteger();
  private final String prefix = getClass().getSimpleName().toLowerCase() + "-";

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startBroker() {
    assumeTrue(RabbitBroker.installed(), RabbitBroker.INSTALL_HINT);
    broker = RabbitBroker.shared();
  }

  /** The broker's URL in this mode. */
  abstract String url();

  /** The error type of a vhost that does not exist, as this mode can tell it. */
  abstract String missingVhostErrorType();

  Map<String, Object> config(String exchange, String routingKey) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", url());
    config.put("vhost", "/");
    config.put("exchange", exchange);
    config.put("routing_key", routingKey);
    config.put("username", RabbitBroker.USER);
    config.put("password", PASSWORD);
    return config;
  }

  @Test
  void theEventArrivesInTheBoundQueueWithItsPropertiesAndHeaders() {
    broker.declare(prefix + "orders", prefix + "orders-q", "order.created");
    String src = connect(config(prefix + "orders", "order.created"));

    String evt = hs.send(src, "{\"order\":42}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(attempt.status()).as(attempt.error()).isEqualTo("success");
    GetResponse got = broker.take(prefix + "orders-q").get(0);
    AMQP.BasicProperties p = got.getProps();
    assertThat(RabbitBroker.text(got)).isEqualTo("{\"order\":42}");
    assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("order.created");
    assertThat(p.getDeliveryMode()).isEqualTo(2);
    assertThat(p.getContentType()).startsWith("application/json");
    assertThat(p.getMessageId()).isEqualTo(evt);
    Map<String, String> headers =
        p.getHeaders().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    assertThat(headers)
        .containsEntry("hookstream-event-id", evt)
        .containsEntry("hookstream-source-id", src)
        .containsEntry("hookstream-attempt", "1")
        .containsEntry("hookstream-received-at", hs.event(evt).receivedAt().toString());
  }

  @Test
  void aMessageNoQueueTakesIsAPermanentFailure() {
    broker.declare(prefix + "unbound", prefix + "unbound-q", "bound.key");
    String src = connect(config(prefix + "unbound", "other.key"));

    String evt = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
    assertThat(attempt.error()).contains("no queue is bound");
    assertThat(broker.take(prefix + "unbound-q")).isEmpty();
  }

  @Test
  void aWrongPasswordIsAPermanentAuthFailureAndNeverShown() {
    broker.declare(prefix + "auth", prefix + "auth-q", "k");
    Map<String, Object> config = config(prefix + "auth", "k");
    config.put("password", "wrong-password-1234");
    String src = connect(config);

    String evt = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.error()).doesNotContain("wrong-password-1234");
  }

  @Test
  void aMissingExchangeFailsForGoodAndTheSameDestinationDeliversOnceItExists() {
    String src = connect(config(prefix + "later", "k"));

    String first = hs.send(src, "{\"n\":1}").eventId();

    DeliveryAttempt missing = hs.awaitAttempts(first, 1, WAIT).get(0);
    assertThat(missing.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(missing.dlq()).isTrue();
    assertThat(missing.error()).contains("no exchange");

    // The broker closed the AMQP channel; the cached publisher opens a new one.
    broker.declare(prefix + "later", prefix + "later-q", "k");
    String second = hs.send(src, "{\"n\":2}").eventId();

    assertThat(hs.awaitAttempts(second, 1, WAIT).get(0).status()).isEqualTo("success");
    assertThat(broker.take(prefix + "later-q"))
        .extracting(RabbitBroker::text)
        .containsExactly("{\"n\":2}");
  }

  @Test
  void aMissingVirtualHostIsAPermanentFailure() {
    Map<String, Object> config = config(prefix + "nowhere", "k");
    config.put("vhost", "no-such-vhost");
    String src = connect(config);

    String evt = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(attempt.errorType()).isEqualTo(missingVhostErrorType());
    assertThat(attempt.dlq()).isTrue();
  }

  @Test
  void noBrokerIsRetriedAndTheFixedDestinationDelivers() throws IOException {
    broker.declare(prefix + "retry", prefix + "retry-q", "k");
    Map<String, Object> config = config(prefix + "retry", "k");
    config.put("url", url().replace(":" + port(url()), ":" + closedPort()));
    Destination d = create(config);
    String src = hs.source(s -> s.name("retry source")).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());

    String evt = hs.send(src, "{\"retry\":true}").eventId();

    DeliveryAttempt first = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(first.errorType()).isEqualTo(ErrorTypes.NETWORK);
    assertThat(first.nextRetryAt()).isEqualTo(first.attemptedAt().plusSeconds(30));

    Map<String, Object> fixed = config(prefix + "retry", "k");
    hs.engine().destinations().update(hs.scope(), d.id(), b -> b.config(fixed));
    hs.advance(Duration.ofSeconds(30));

    assertThat(hs.awaitAttempts(evt, 2, WAIT).get(1).status()).isEqualTo("success");
    assertThat(broker.take(prefix + "retry-q"))
        .extracting(RabbitBroker::text)
        .containsExactly("{\"retry\":true}");
  }

  @Test
  void thePasswordIsMaskedOnReadAndThePublisherClosedOnDelete() {
    broker.declare(prefix + "masked", prefix + "masked-q", "k");
    Map<String, Object> config = config(prefix + "masked", "k");
    config.put("password", "s3cret-broker-pass-9f2c");
    Destination d = create(config);
    assertThat(d.config()).containsEntry("password", "****9f2c");
    assertThat(hs.engine().destinations().require(hs.scope(), d.id()).config().toString())
        .doesNotContain("s3cret-broker-pass-9f2c");
    String src = hs.source(s -> s.name("masked source")).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    String evt = hs.send(src, "{}").eventId();
    // The broker's guest password is "guest": this one is refused, but a publisher was built.
    hs.awaitAttempts(evt, 1, WAIT);
    assertThat(provider.openClients()).isEqualTo(1);

    hs.engine().destinations().delete(hs.scope(), d.id());

    assertThat(provider.openClients()).isZero();
  }

  private Destination create(Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder()
                .name("broker " + destinations.incrementAndGet())
                .type("rabbitmq")
                .config(config)
                .build());
  }

  private String connect(Map<String, Object> config) {
    Destination d = create(config);
    String src = hs.source(s -> s.name("source " + destinations.get())).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    return src;
  }

  private static int port(String url) {
    return java.net.URI.create(url).getPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
