package io.hookstream.providers.http;

import static io.hookstream.providers.http.TestRequests.EVENT_ID;
import static io.hookstream.providers.http.TestRequests.JSON_BODY;
import static io.hookstream.providers.http.TestRequests.config;
import static io.hookstream.providers.http.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.ManualClock;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real deliveries over loopback to the test kit's WebhookReceiver. */
class HttpDeliveryTest extends LoopbackTest {

  @Test
  void sendsTheBodyAndContentTypeByteForByte() {
    byte[] body = {
      0, 1, 2, (byte) 0xff, (byte) 0xfe, 'h', 'i', '\r', '\n', (byte) 0xc3, (byte) 0xa9
    };
    String contentType = "application/vnd.acme+binary; charset=x-custom; boundary=\"a b\"";

    DeliveryResult result =
        provider.deliver(request(config(receiver.url("/hooks")), body, contentType));

    assertThat(result.success()).isTrue();
    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/hooks");
    assertThat(got.body()).isEqualTo(body);
    assertThat(got.header("Content-Type")).isEqualTo(contentType);
  }

  @Test
  void guessesTheContentTypeWhenTheEventHasNone() {
    provider.deliver(
        request(config(receiver.url()), JSON_BODY.getBytes(StandardCharsets.UTF_8), null));
    provider.deliver(
        request(config(receiver.url()), "plain words".getBytes(StandardCharsets.UTF_8), null));

    List<RecordedRequest> got = receiver.awaitRequests(2, WAIT);
    assertThat(got.get(0).header("Content-Type")).isEqualTo("application/json");
    assertThat(got.get(1).header("Content-Type")).isEqualTo("application/octet-stream");
  }

  @Test
  void addsTheHookstreamHeaders() {
    Instant at = Instant.parse("2026-03-01T14:30:05.250Z");
    provider.deliver(TestRequests.attempt(config(receiver.url()), 3, at));

    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(got.header("X-hookstream-Event-Id")).isEqualTo(EVENT_ID);
    assertThat(got.header("X-hookstream-Delivery-Attempt")).isEqualTo("3");
    assertThat(got.header("X-hookstream-Timestamp")).isEqualTo("2026-03-01T14:30:05.250Z");
  }

  @Test
  void sendsCustomHeadersWithTheConfiguredMethodAndQuery() {
    Map<String, Object> config = config(receiver.url("/orders/42?source=stripe&x=%20y"));
    config.put("method", "put");
    config.put(
        "headers",
        Map.of("X-Custom-Header", "value", "Authorization", "Bearer sk_live_abcdef123456"));

    DeliveryResult result = provider.deliver(request(config));

    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(got.method()).isEqualTo("PUT");
    assertThat(got.path()).isEqualTo("/orders/42");
    assertThat(got.query()).isEqualTo("source=stripe&x=%20y");
    assertThat(got.header("X-Custom-Header")).isEqualTo("value");
    assertThat(got.header("Authorization")).isEqualTo("Bearer sk_live_abcdef123456");
    assertThat(got.bodyAsString()).isEqualTo(JSON_BODY);
    // What the attempt log keeps: sent headers with the secret masked.
    assertThat(result.requestHeaders().get("authorization")).containsExactly("****3456");
    assertThat(result.requestHeaders().get("X-Custom-Header")).containsExactly("value");
    assertThat(result.requestHeaders()).containsKey("Host");
  }

  @Test
  void getSendsNoBody() {
    Map<String, Object> config = config(receiver.url());
    config.put("method", "GET");

    assertThat(provider.deliver(request(config)).success()).isTrue();

    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(got.method()).isEqualTo("GET");
    assertThat(got.body()).isEmpty();
  }

  @Test
  void recordsTheResponse() {
    receiver.enqueue(
        ScriptedResponse.status(201).withHeader("X-Receipt", "r-1").withBody("{\"ok\":true}"));

    DeliveryResult result = provider.deliver(request(config(receiver.url())));

    assertThat(result.success()).isTrue();
    assertThat(result.statusCode()).isEqualTo(201);
    assertThat(result.responseBody()).isEqualTo("{\"ok\":true}");
    assertThat(result.responseHeaders().get("x-receipt")).containsExactly("r-1");
    assertThat(result.latencyMillis()).isNotNegative();
    assertThat(result.error()).isNull();
    assertThat(result.failureKind()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void twoHundredsAreSuccesses(int status) {
    receiver.enqueue(ScriptedResponse.status(status));
    DeliveryResult result = provider.deliver(request(config(receiver.url())));
    assertThat(result.success()).isTrue();
    assertThat(result.statusCode()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 501, 502, 503, 504, 599})
  void serverErrorsAreRetryable(int status) {
    assertFailure(status, FailureKind.HTTP_5XX, true);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 425, 429})
  void transientClientErrorsAreRetryable(int status) {
    assertFailure(status, FailureKind.HTTP_4XX, true);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422})
  void otherClientErrorsAreFinal(int status) {
    assertFailure(status, FailureKind.HTTP_4XX, false);
  }

  @Test
  void goneMeansTheEndpointIsGone() {
    DeliveryResult result = assertFailure(410, FailureKind.ENDPOINT_GONE, false);
    assertThat(result.error()).contains("410");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void redirectsAreNotFollowed(int status) {
    receiver.enqueue(
        ScriptedResponse.status(status).withHeader("Location", receiver.url("/elsewhere")));

    DeliveryResult result = provider.deliver(request(config(receiver.url("/old"))));

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.HTTP_4XX);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("redirect").contains("not followed").contains("/elsewhere");
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void retryAfterInSeconds() {
    receiver.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "120"));
    assertThat(provider.deliver(request(config(receiver.url()))).retryAfter())
        .isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T14:30:00Z"));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.parse("2026-03-01T14:35:00Z").atOffset(ZoneOffset.UTC));
    receiver.enqueue(ScriptedResponse.status(503).withHeader("Retry-After", date));

    try (HttpDestinationProvider clocked =
        HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build()) {
      DeliveryResult result = clocked.deliver(request(config(receiver.url())));
      assertThat(result.failureKind()).isEqualTo(FailureKind.HTTP_5XX);
      assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void oneAttemptIsOneRequestEvenFor408And503RetryAfterZero() {
    receiver.enqueue(
        ScriptedResponse.status(408), ScriptedResponse.status(503).withHeader("Retry-After", "0"));

    DeliveryResult timeout = provider.deliver(request(config(receiver.url())));
    DeliveryResult unavailable = provider.deliver(request(config(receiver.url())));

    assertThat(timeout.statusCode()).isEqualTo(408);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.retryAfter()).isEqualTo(Duration.ZERO);
    assertThat(unavailable.responseHeaders().get("Retry-After")).containsExactly("0");
    assertThat(receiver.requests()).hasSize(2);
  }

  @Test
  void retryAfterIsCappedAndGarbageIgnored() {
    receiver.enqueue(
        ScriptedResponse.status(429).withHeader("Retry-After", "999999999"),
        ScriptedResponse.status(503).withHeader("Retry-After", "soon, maybe"),
        ScriptedResponse.status(500).withHeader("Retry-After", "60"));

    assertThat(provider.deliver(request(config(receiver.url()))).retryAfter())
        .isEqualTo(Duration.ofHours(24));
    assertThat(provider.deliver(request(config(receiver.url()))).retryAfter()).isNull();
    // Only 429 and 503 carry a meaningful Retry-After.
    assertThat(provider.deliver(request(config(receiver.url()))).retryAfter()).isNull();
  }

  @Test
  void aSlowReceiverTimesOut() {
    receiver.enqueue(ScriptedResponse.ok().withDelay(Duration.ofSeconds(4)));
    Map<String, Object> config = config(receiver.url());
    config.put("timeout", 1);

    DeliveryResult result = provider.deliver(request(config));

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isZero();
    assertThat(result.latencyMillis()).isBetween(900L, 3500L);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsANetworkFailure() {
    receiver.respondWith(ScriptedResponse.closeConnection());

    DeliveryResult result = provider.deliver(request(config(receiver.url())));

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.NETWORK);
    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isZero();
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void aFailedDnsLookupIsANetworkFailure() {
    Dns failing =
        host -> {
          throw new UnknownHostException("no such host: " + host);
        };
    try (HttpDestinationProvider withDns = HttpDestinationProvider.builder().dns(failing).build()) {
      DeliveryResult result = withDns.deliver(request(config("https://hooks.nowhere.example/x")));
      assertThat(result.failureKind()).isEqualTo(FailureKind.NETWORK);
      assertThat(result.retryable()).isTrue();
      assertThat(result.error()).contains("DNS").contains("hooks.nowhere.example");
    }
  }

  @Test
  void theResponseBodyIsCutAtFourKilobytesWithoutBreakingACharacter() {
    // 4095 ASCII bytes then a 3-byte character straddling the 4096-byte limit.
    String body = "a".repeat(4095) + "✓" + "b".repeat(6000);
    receiver.enqueue(ScriptedResponse.status(500).withBody(body));

    DeliveryResult result = provider.deliver(request(config(receiver.url())));

    assertThat(result.responseBody()).isEqualTo("a".repeat(4095));
    String fits = "a".repeat(4093) + "✓" + "tail";
    receiver.enqueue(ScriptedResponse.status(500).withBody(fits));
    assertThat(provider.deliver(request(config(receiver.url()))).responseBody())
        .isEqualTo("a".repeat(4093) + "✓");
  }

  @Test
  void anInvalidConfigIsRejectedWithoutSending() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "ftp://example.com/x");

    DeliveryResult result = provider.deliver(request(config));

    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("url");
  }

  @Test
  void aClosedProviderFailsRetryably() {
    HttpDestinationProvider closed =
        HttpDestinationProvider.builder().allowPrivateNetworks(true).build();
    closed.close();

    DeliveryResult result = closed.deliver(request(config(receiver.url())));

    assertThat(result.success()).isFalse();
    assertThat(result.retryable()).isTrue();
    assertThat(receiver.requests()).isEmpty();
  }

  private DeliveryResult assertFailure(int status, FailureKind kind, boolean retryable) {
    receiver.enqueue(ScriptedResponse.status(status).withBody("nope"));
    DeliveryResult result = provider.deliver(request(config(receiver.url())));
    assertThat(result.success()).isFalse();
    assertThat(result.statusCode()).isEqualTo(status);
    assertThat(result.failureKind()).isEqualTo(kind);
    assertThat(result.retryable()).isEqualTo(retryable);
    assertThat(result.responseBody()).isEqualTo("nope");
    assertThat(result.error()).contains(Integer.toString(status));
    return result;
  }
}
