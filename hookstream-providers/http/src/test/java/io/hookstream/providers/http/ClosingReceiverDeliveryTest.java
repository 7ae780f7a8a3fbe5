package io.hookstream.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.CircuitState;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.EventStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole engine delivering to raw socket receivers that close connections: attempts, retries and
 * the circuit breaker see only what the receiver did, not the client's pooled connections.
 */
class ClosingReceiverDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final LoopbackEngine hs = new LoopbackEngine();

  private RawReceiver receiver;

  @AfterEach
  void closeReceiver() throws IOException {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void anHttp10ReceiverThatClosesEveryConnectionGetsEveryEventOnTheFirstAttempt() {
    // Python's http.server: one request per connection, answered in HTTP/1.0, then closed.
    receiver =
        RawReceiver.start(
            conn -> {
              if (conn.readRequest()) {
                Thread.sleep(50);
                conn.write(
                    "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 2\r\n\r\nok");
              }
            });
    String destination = destinationAtReceiver();
    String source = connectedSource(destination);

    List<String> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(hs.send(source, "{\"n\":" + i + "}"));
    }

    hs.awaitUntil(
        "200 events delivered",
        WAIT,
        () ->
            events.stream()
                .allMatch(
                    e ->
                        hs.engine().events().require(hs.scope(), e).status()
                            == EventStatus.DELIVERED));
    for (String event : events) {
      assertThat(hs.attempts(event))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.succeeded()).isTrue();
                assertThat(a.attemptNumber()).isEqualTo(1);
              });
    }
    assertThat(receiver.requests()).isEqualTo(200);
    CircuitState circuit = hs.engine().circuits().state(hs.scope(), destination);
    assertThat(circuit.state()).isEqualTo("closed");
    assertThat(circuit.lastFailureAt()).as("no failure ever counted").isNull();
  }

  @Test
  void aReceiverThatResetsMidResponseCostsAnAttemptAndACircuitFailure() {
    receiver =
        RawReceiver.start(
            conn -> {
              conn.readRequest();
              if (conn.index() == 1) {
                conn.write("HTTP/1.1 200 OK\r\n");
                conn.reset();
              } else {
                conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
              }
            });
    String destination = destinationAtReceiver();
    String event = hs.send(connectedSource(destination), "{\"n\":1}");

    DeliveryAttempt failed = hs.awaitAttempts(event, 1, WAIT).get(0);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.errorType()).isEqualTo("network");
    // The URL is redacted to its origin in messages.
    String redacted = receiver.url().replace("/hooks", "/...");
    assertThat(failed.error()).startsWith("network failure delivering to " + redacted + ": ");
    assertThat(failed.nextRetryAt()).isNotNull();
    assertThat(receiver.requests()).as("not resent behind the retry policy's back").isEqualTo(1);
    // The circuit is updated just after the attempt is recorded.
    hs.awaitUntil(
        "one circuit failure",
        WAIT,
        () -> hs.engine().circuits().state(hs.scope(), destination).failureCount() == 1);

    hs.advance(Duration.between(hs.clock().now(), failed.nextRetryAt()));

    List<DeliveryAttempt> attempts = hs.awaitAttempts(event, 2, WAIT);
    assertThat(attempts.get(1).succeeded()).isTrue();
    assertThat(attempts.get(1).attemptNumber()).isEqualTo(2);
    assertThat(receiver.requests()).isEqualTo(2);
  }

  private String destinationAtReceiver() {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(),
            DestinationSpec.builder().name("closing receiver").url(receiver.url()).build())
        .id();
  }

  private String connectedSource(String destination) {
    String source =
        hs.engine().sources().create(hs.scope(), SourceSpec.builder().name("source").build()).id();
    hs.engine()
        .connections()
        .create(
            hs.scope(),
            ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    return source;
  }
}
