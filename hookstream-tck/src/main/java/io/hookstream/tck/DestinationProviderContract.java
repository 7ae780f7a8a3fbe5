package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.FieldError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DestinationProvider} must show, as an abstract JUnit 5 suite: a
 * provider module adds a subclass that supplies the provider and a valid config for an endpoint.
 * The suite only ever points providers at loopback endpoints it controls (a closed port, a server
 * that never answers), so the provider under test must allow loopback targets.
 */
public abstract class DestinationProviderContract {

  /** Subclasses bind the suite to one implementation. */
  protected DestinationProviderContract() {}

  /** A secret the suite plants in configs and expects {@link DestinationProvider#mask} to hide. */
  protected static final String SECRET = "contract-secret-7f3a9c1e5b2d4a6f";

  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  /** The provider under test (may be the same instance for every call). */
  protected abstract DestinationProvider provider();

  /**
   * A valid config that delivers to {@code endpoint} (an {@code http://127.0.0.1:port/...} URL) and
   * carries {@code secret} in a field the provider must mask.
   */
  protected abstract Map<String, Object> validConfig(String endpoint, String secret);

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  @Test
  void typeIsNotBlank() {
    assertThat(provider().type()).isNotBlank();
  }

  @Test
  void validConfigHasNoErrors() {
    assertThat(provider().validate(validConfig("http://127.0.0.1:9/hooks", SECRET))).isEmpty();
  }

  @Test
  void emptyConfigNamesTheMissingFields() {
    List<FieldError> errors = provider().validate(Map.of());
    assertThat(errors).isNotEmpty();
    assertThat(errors).allSatisfy(e -> assertThat(e.field()).isNotBlank());
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  @Test
  void aWrongTypeForAnyFieldIsNamed() {
    Map<String, Object> valid = validConfig("http://127.0.0.1:9/hooks", SECRET);
    for (String key : valid.keySet()) {
      Map<String, Object> broken = new LinkedHashMap<>(valid);
      broken.put(key, List.of(List.of(1)));
      assertThat(provider().validate(broken))
          .as("errors when %s has the wrong type", key)
          .anySatisfy(
              e -> assertThat(e.field()).matches(f -> f.equals(key) || f.startsWith(key + ".")));
    }
  }

  @Test
  void maskHidesTheSecretAndLeavesTheInputAlone() {
    Map<String, Object> config = validConfig("http://127.0.0.1:9/hooks", SECRET);
    String before = config.toString();
    Map<String, Object> masked = provider().mask(config);
    assertThat(masked.toString()).doesNotContain(SECRET);
    assertThat(masked.keySet()).containsExactlyInAnyOrderElementsOf(config.keySet());
    assertThat(config.toString()).isEqualTo(before);
  }

  @Test
  void deliverReportsAnInvalidConfigWithoutThrowing() {
    DeliveryResult result = deliver(Map.of());
    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void deliverNeverThrowsWhenAFieldHasTheWrongType() {
    Map<String, Object> valid = validConfig("http://127.0.0.1:9/hooks", SECRET);
    for (String key : valid.keySet()) {
      Map<String, Object> broken = new LinkedHashMap<>(valid);
      broken.put(key, Map.of("nested", List.of()));
      assertThatCode(() -> assertThat(deliver(broken).success()).isFalse())
          .as("deliver with %s of the wrong type", key)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void anUnreachableEndpointIsARetryableFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again below: nothing listens there
    }
    DeliveryResult result = deliver(validConfig("http://127.0.0.1:" + port + "/hooks", SECRET));
    assertThat(result.success()).isFalse();
    assertThat(result.statusCode()).isZero();
    assertThat(result.failureKind()).isIn(FailureKind.NETWORK, FailureKind.TIMEOUT);
    assertThat(result.retryable()).isTrue();
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void anEndpointThatNeverAnswersTimesOutWithinTheRequestTimeout() throws IOException {
    ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    resources.add(silent);
    Thread acceptor = new Thread(() -> holdConnections(silent), "contract-silent-server");
    acceptor.setDaemon(true);
    acceptor.start();

    long start = System.nanoTime();
    DeliveryResult result =
        deliver(validConfig("http://127.0.0.1:" + silent.getLocalPort() + "/hooks", SECRET));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(result.retryable()).isTrue();
    assertThat(took).isLessThan(SHORT_TIMEOUT.multipliedBy(5));
  }

  /** Delivers a small JSON event with {@code config} and a one-second timeout. */
  protected DeliveryResult deliver(Map<String, Object> config) {
    return provider()
        .deliver(
            new DeliveryRequest(
                "evt_0000000000000000000000000000c0de",
                "dst_0000000000000000000000000000c0de",
                1,
                config,
                "{\"contract\":true}".getBytes(StandardCharsets.UTF_8),
                "application/json",
                Instant.now(),
                SHORT_TIMEOUT));
  }

  /** Accepts connections and keeps them open without reading or answering, until closed. */
  private void holdConnections(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        resources.add(socket);
      } catch (IOException e) {
        return; // The server socket was closed at the end of the test.
      }
    }
  }
}
