package io.hookstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.testsession.TestEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's TestSession: a loopback URL on the engine's test sessions, and its assertions. */
class TestSessionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(300);

  @RegisterExtension HookstreamExtension hs = HookstreamExtension.create();

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String url, String json, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void recordsWhatIsSentToItsUrlAndAnswersAsConfigured() throws Exception {
    TestSession session = hs.testSession().respondWith(202, "text/plain", "queued");
    assertThat(session.url())
        .startsWith("http://127.0.0.1:")
        .endsWith("/v1/ingest/" + session.id());

    HttpResponse<String> answer =
        post(session.url() + "?attempt=1", "{\"type\":\"order.created\"}", "X-Signature", "abc");
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).isEqualTo("queued");

    TestEvent e = session.assertReceived().count(1).within(WAIT).get(0);
    assertThat(e.method()).isEqualTo("POST");
    assertThat(e.header("x-signature")).isEqualTo("abc");
    assertThat(e.query()).containsEntry("attempt", List.of("1"));
    assertThat(e.sourceIp()).isEqualTo("127.0.0.1");
    assertThat(hs.engine().testSessions().require(session.id()).requestCount()).isEqualTo(1);
  }

  @Test
  void countIsExactAndFailsNamingWhatArrived() throws Exception {
    TestSession session = hs.testSession();
    for (int i = 0; i < 3; i++) {
      post(session.url(), "{\"n\":" + i + "}");
    }
    assertThat(session.assertReceived().count(3).within(WAIT)).hasSize(3);
    assertThat(session.assertReceived().atLeast(2).within(WAIT)).hasSize(3);
    assertThatThrownBy(() -> session.assertReceived().count(2).within(SHORT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected exactly 2 request(s)")
        .hasMessageContaining("got 3")
        .hasMessageContaining("{\"n\":2}");
    assertThatThrownBy(() -> session.assertReceived().count(4).within(SHORT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 3");
  }

  @Test
  void filtersByMethodHeaderAndJsonPath() throws Exception {
    TestSession session = hs.testSession();
    post(
        session.url(),
        "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\",\"amount\":49.90,"
            + "\"items\":[{\"sku\":\"A\"}],\"paid\":true}}",
        "X-Shop",
        "one");
    post(
        session.url(), "{\"type\":\"order.updated\",\"data\":{\"id\":\"ord_1\"}}", "X-Shop", "two");
    http.send(
        HttpRequest.newBuilder(URI.create(session.url())).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    session.assertReceived().withMethod("get").count(1).within(WAIT);
    session.assertReceived().withMethod("POST").count(2).within(WAIT);
    session.assertReceived().withHeader("x-shop", "two").count(1).within(WAIT);
    session.assertReceived().withHeader("X-Shop").count(2).within(WAIT);
    session.assertReceived().withJsonPath("data.id", "ord_1").count(2).within(WAIT);
    session
        .assertReceived()
        .withJsonPath("$.data.amount", 49.9)
        .withJsonPath("data.items[0].sku", "A")
        .withJsonPath("data.paid", true)
        .count(1)
        .within(WAIT);
    assertThatThrownBy(
            () ->
                session
                    .assertReceived()
                    .withJsonPath("type", "order.deleted")
                    .count(1)
                    .within(SHORT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with JSON type = order.deleted")
        .hasMessageContaining("got 0");
    assertThatThrownBy(
            () -> session.assertReceived().withHeader("X-Shop", "three").atLeast(1).within(SHORT))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void waitsForRequestsThatArriveLaterFromTheEnginesOwnDelivery() {
    TestSession session = hs.testSession();
    String src = hs.source(UnaryOperator.identity()).id();
    String dst =
        hs.engine()
            .destinations()
            .create(
                hs.scope(), DestinationSpec.builder().name("session").url(session.url()).build())
            .id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(dst).build());

    String eventId =
        hs.send(src, "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_9\"}}").eventId();

    TestEvent delivered =
        session
            .assertReceived()
            .withHeader("X-hookstream-Event-Id", eventId)
            .withJsonPath("data.id", "in_9")
            .count(1)
            .within(WAIT)
            .get(0);
    assertThat(delivered.method()).isEqualTo("POST");
  }

  @Test
  void closingDeletesTheSessionAndStopsServing() throws Exception {
    TestSession session = TestSession.start(hs.engine());
    post(session.url(), "{}");
    String url = session.url();
    session.close();
    assertThatThrownBy(() -> hs.engine().testSessions().require(session.id()))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> post(url, "{}")).isInstanceOf(java.io.IOException.class);
  }
}
