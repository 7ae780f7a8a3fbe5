package io.hookstream.providers.http;

import static io.hookstream.providers.http.TestRequests.EVENT_ID;
import static io.hookstream.providers.http.TestRequests.config;
import static io.hookstream.providers.http.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pooled connections that the receiver closed, and responses that forbid keep-alive, against raw
 * socket receivers on loopback. One {@code deliver} call is one attempt: a resend on a new
 * connection happens inside it, only when a reused connection failed before any response byte.
 */
class ConnectionReuseTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  private final HttpDestinationProvider provider =
      HttpDestinationProvider.builder().allowPrivateNetworks(true).build();
  private RawReceiver receiver;

  @AfterEach
  void close() throws IOException {
    provider.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aConnectionTheReceiverClosedWhileIdleIsReplacedWithoutAFailedAttempt() {
    // Keep-alive, but a connection idle for 1 s is closed, as Node does after 5 s.
    receiver =
        RawReceiver.start(
            conn -> {
              while (conn.readRequest(Duration.ofSeconds(1))) {
                conn.write(OK);
              }
            });

    for (int delivery = 1; delivery <= 4; delivery++) {
      assertThat(deliver().success()).as("delivery %d", delivery).isTrue();
      int closed = delivery;
      RawReceiver.awaitUntil(
          "the receiver closed connection " + closed, WAIT, () -> receiver.closed() >= closed);
    }

    assertThat(receiver.closedIdle()).isPositive();
    assertThat(receiver.requests()).isEqualTo(4);
    assertThat(receiver.connections()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP/1.0 without keep-alive | HTTP/1.0 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok | 2",
        "Connection: close           | HTTP/1.1 200 OK\\r\\nConnection: close\\r\\n"
            + "Content-Length: 2\\r\\n\\r\\nok | 2",
        "HTTP/1.0 with keep-alive    | HTTP/1.0 200 OK\\r\\nConnection: Keep-Alive\\r\\n"
            + "Content-Length: 2\\r\\n\\r\\nok | 1",
        "HTTP/1.1                    | HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok | 1"
      })
  void onlyResponsesThatAllowKeepAliveLeaveTheirConnectionInThePool(
      String name, String response, int connections) {
    // This receiver never closes: a second request on the same connection would be answered.
    receiver =
        RawReceiver.start(
            conn -> {
              while (conn.readRequest()) {
                conn.write(unescape(response));
              }
            });

    assertThat(deliver().success()).isTrue();
    assertThat(deliver().success()).isTrue();

    assertThat(receiver.requests()).isEqualTo(2);
    assertThat(receiver.connections()).isEqualTo(connections);
  }

  @Test
  void aReusedConnectionClosedBeforeAnyAnswerIsResentOnceOnANewConnection() {
    receiver =
        RawReceiver.start(
            conn -> {
              if (conn.index() == 1) {
                conn.readRequest();
                conn.write(OK);
                conn.readRequest(); // then close without a byte of answer
              } else {
                while (conn.readRequest()) {
                  conn.write(OK);
                }
              }
            });

    assertThat(deliver().success()).isTrue();
    DeliveryResult second = deliver();

    assertThat(second.success()).isTrue();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(receiver.connections()).isEqualTo(2);
    assertThat(receiver.eventIds()).containsExactly(EVENT_ID, EVENT_ID, EVENT_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nContent-Le"})
  void aReusedConnectionThatHadBegunToAnswerIsAFailedAttempt(String partial) {
    receiver =
        RawReceiver.start(
            conn -> {
              conn.readRequest();
              conn.write(OK);
              conn.readRequest();
              conn.write(unescape(partial)); // then close mid-answer
            });

    assertThat(deliver().success()).isTrue();
    DeliveryResult second = deliver();

    assertThat(second.success()).isFalse();
    assertThat(second.failureKind()).isEqualTo(FailureKind.NETWORK);
    assertThat(second.retryable()).isTrue();
    assertThat(second.error()).contains("network failure delivering to");
    assertThat(receiver.requests()).isEqualTo(2);
    assertThat(receiver.connections()).isEqualTo(1);
  }

  @Test
  void aTimeoutOnAReusedConnectionIsAFailedAttempt() {
    receiver =
        RawReceiver.start(
            conn -> {
              conn.readRequest();
              conn.write(OK);
              conn.readRequest();
              conn.readRequest(); // the second request is never answered
            });
    Map<String, Object> config = config(receiver.url());
    config.put("timeout", 1);

    assertThat(provider.deliver(request(config)).success()).isTrue();
    DeliveryResult second = provider.deliver(request(config));

    assertThat(second.failureKind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(receiver.requests()).isEqualTo(2);
    assertThat(receiver.connections()).isEqualTo(1);
  }

  @Test
  void aFreshConnectionClosedBeforeAnyAnswerIsAFailedAttempt() {
    receiver = RawReceiver.start(conn -> conn.readRequest());

    DeliveryResult result = deliver();

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.NETWORK);
    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isZero();
    assertThat(receiver.requests()).isEqualTo(1);
    assertThat(receiver.connections()).isEqualTo(1);
  }

  private DeliveryResult deliver() {
    return provider.deliver(request(config(receiver.url())));
  }

  /** CSV cells carry CR and LF as the two characters {@code \r} and {@code \n}. */
  private static String unescape(String text) {
    return text.replace("\\r", "\r").replace("\\n", "\n");
  }
}
