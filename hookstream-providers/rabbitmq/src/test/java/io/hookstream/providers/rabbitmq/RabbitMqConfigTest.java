package io.hookstream.providers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.testkit.HookstreamExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configs as users write them: write-time validation naming each field, the mode from the URL, the
 * password masked on read and encrypted at rest, the SSRF guard, and the Management API answers a
 * broker gives under load (a loopback server answering like RabbitMQ).
 */
class RabbitMqConfigTest {

  private final InMemoryStore store = new InMemoryStore();
  private final RabbitMqDestinationProvider rabbit =
      RabbitMqProviders.builder().allowPrivateNetworks(true).build().rabbitmq();

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b ->
              b.store(store)
                  .secretKeys(SecretKeys.primary(new byte[SecretKeys.KEY_BYTES]))
                  .provider(rabbit));

  private final AtomicInteger created = new AtomicInteger();

  private static Map<String, Object> config(String url) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", url);
    config.put("vhost", "/");
    config.put("exchange", "webhooks");
    config.put("routing_key", "events");
    config.put("username", "hookstream");
    config.put("password", "broker-password-4d2e");
    return config;
  }

  private Destination create(Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder()
                .name("broker " + created.incrementAndGet())
                .type("rabbitmq")
                .config(config)
                .build());
  }

  private List<FieldError> errorsCreating(Map<String, Object> config) {
    try {
      create(config);
    } catch (HookstreamException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return e.fieldErrors();
    }
    throw new AssertionError("expected a validation error");
  }

  @Test
  void everyRequiredFieldIsNamedWhenMissing() {
    assertThat(errorsCreating(Map.of()))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "config.url",
            "config.exchange",
            "config.routing_key",
            "config.username",
            "config.password");
  }

  @Test
  void aUrlWithCredentialsOrAVhostPathOrAModeItContradictsIsRefused() {
    Map<String, Object> withUser = config("amqp://user:pw@broker.example.com:5672");
    assertThat(errorsCreating(withUser))
        .extracting(FieldError::message)
        .containsExactly("must not carry credentials: use username and password");
    assertThat(errorsCreating(config("amqp://broker.example.com/orders")))
        .extracting(FieldError::field)
        .containsExactly("config.url");
    Map<String, Object> contradicting = config("https://broker.example.com:15672");
    contradicting.put("mode", "amqp");
    assertThat(errorsCreating(contradicting))
        .extracting(FieldError::message)
        .containsExactly("must be an amqp:// or amqps:// URL in amqp mode");
    Map<String, Object> unknown = config("ftp://broker.example.com");
    unknown.put("mode", "stomp");
    assertThat(errorsCreating(unknown))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("config.url", "config.mode");
  }

  @Test
  void theSeedsConfigIsAcceptedAsWritten() {
    Destination d = create(config("https://rabbitmq.example.com:15672"));
    assertThat(d.type()).isEqualTo("rabbitmq");
    Map<String, Object> amqp = config("amqps://rabbitmq.example.com");
    amqp.put("mode", "amqp");
    amqp.put("routing_key", ""); // a fanout exchange ignores it
    assertThat(create(amqp).type()).isEqualTo("rabbitmq");
  }

  @Test
  void thePasswordIsMaskedOnReadAndEncryptedAtRest() {
    Destination d = create(config("https://rabbitmq.example.com:15672"));

    Map<String, Object> shown = hs.engine().destinations().require(hs.scope(), d.id()).config();
    assertThat(shown).containsEntry("password", "****4d2e").containsEntry("username", "hookstream");
    assertThat(store.destinations().findById(d.id()).orElseThrow().configJson())
        .doesNotContain("broker-password-4d2e");
    assertThat(hs.engine().destinations().revealConfig(hs.scope(), d.id()))
        .containsEntry("password", "broker-password-4d2e");
  }

  @Test
  void aBrokerOnAPrivateAddressIsRefusedUnlessAllowed() {
    RabbitMqDestinationProvider guarded = RabbitMqProviders.all().get(0);
    assertThat(guarded.validate(config("http://127.0.0.1:15672")))
        .extracting(FieldError::field)
        .containsExactly("url");
    DeliveryResult result = guarded.deliver(request(config("amqp://localhost:5672")));
    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(rabbit.validate(config("http://169.254.169.254/"))).isNotEmpty();
    guarded.close();
  }

  @Test
  void managementAnswersAreClassifiedForRetry() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    String[] answer = new String[2];
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      answer[0] = "503";
      answer[1] = "{\"error\":\"unavailable\",\"reason\":\"node is booting\"}";
      DeliveryResult unavailable = rabbit.deliver(request(config(url)));
      answer[0] = "429";
      answer[1] = "{}";
      DeliveryResult throttled = rabbit.deliver(request(config(url)));
      answer[0] = "400";
      answer[1] = "{\"error\":\"bad_request\",\"reason\":\"payload_encoding\"}";
      DeliveryResult bad = rabbit.deliver(request(config(url)));

      assertThat(unavailable.failureKind()).isEqualTo(FailureKind.HTTP_5XX);
      assertThat(unavailable.retryable()).isTrue();
      assertThat(unavailable.error()).isEqualTo("HTTP 503: node is booting");
      assertThat(throttled.failureKind()).isEqualTo(FailureKind.THROTTLED);
      assertThat(throttled.retryable()).isTrue();
      assertThat(bad.failureKind()).isEqualTo(FailureKind.HTTP_4XX);
      assertThat(bad.retryable()).isFalse();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMessageOverTheBrokersLimitIsRefusedBeforeSending() {
    DeliveryRequest big =
        request(config("http://127.0.0.1:9")).toBuilder()
            .body(new byte[16 * 1024 * 1024 + 1])
            .build();

    DeliveryResult result = rabbit.deliver(big);

    assertThat(result.failureKind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(result.retryable()).isFalse();
  }

  private static DeliveryRequest request(Map<String, Object> config) {
    return DeliveryRequest.builder()
        .eventId("evt_0123456789abcdef0123456789abcdef")
        .destinationId("dst_0123456789abcdef0123456789abcdef")
        .config(config)
        .body("{}".getBytes(StandardCharsets.UTF_8))
        .contentType("application/json")
        .timestamp(Instant.now())
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
