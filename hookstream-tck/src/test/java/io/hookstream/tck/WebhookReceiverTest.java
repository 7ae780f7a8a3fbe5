package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The receiver, driven by the JDK's HTTP client. */
class WebhookReceiverTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T14:30:00Z"));

  @RegisterExtension final WebhookReceiver receiver = WebhookReceiver.start(clock);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void recordsEverythingAboutARequest() throws Exception {
    byte[] body = {1, 2, 3, (byte) 0xff};
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(receiver.url("/hooks/in?a=1&b=%20")))
                .header("X-Test", "yes")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(got.method()).isEqualTo("PUT");
    assertThat(got.path()).isEqualTo("/hooks/in");
    assertThat(got.query()).isEqualTo("a=1&b=%20");
    assertThat(got.header("x-test")).isEqualTo("yes");
    assertThat(got.body()).isEqualTo(body);
    assertThat(got.receivedAt()).isEqualTo(clock.now());
  }

  @Test
  void answersTheQueueInOrderThenTheDefault() throws Exception {
    receiver
        .respondWith(ScriptedResponse.status(202).withBody("default"))
        .enqueue(
            ScriptedResponse.status(500),
            ScriptedResponse.status(429).withHeader("Retry-After", "7").withBody("slow down"));

    HttpResponse<String> first = post("/");
    HttpResponse<String> second = post("/");
    HttpResponse<String> third = post("/");
    HttpResponse<String> fourth = post("/");

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).contains("7");
    assertThat(second.body()).isEqualTo("slow down");
    assertThat(third.statusCode()).isEqualTo(202);
    assertThat(fourth.body()).isEqualTo("default");
    assertThat(receiver.requests()).hasSize(4);
  }

  @Test
  void aDelayedAnswerDoesNotHoldUpOthers() throws Exception {
    receiver.enqueue(ScriptedResponse.status(201).withDelay(Duration.ofSeconds(1)));

    Future<HttpResponse<String>> slow = pool.submit(() -> post("/slow"));
    receiver.awaitRequests(1, WAIT);
    HttpResponse<String> fast = post("/fast");

    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(slow).isNotDone();
    assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
  }

  @Test
  void canDropTheConnectionWithoutAnswering() {
    receiver.enqueue(ScriptedResponse.closeConnection());

    assertThatThrownBy(() -> post("/")).isInstanceOf(IOException.class);
    assertThat(receiver.awaitRequests(1, WAIT)).hasSize(1);
  }

  @Test
  void awaitFailsClearlyWhenTooFewArrive() throws Exception {
    post("/");
    assertThatThrownBy(() -> receiver.awaitRequests(2, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 2")
        .hasMessageContaining("got 1");
  }

  @Test
  void awaitReturnsAsSoonAsConcurrentRequestsArrive() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> sent =
        List.of(1, 2, 3, 4, 5, 6).stream()
            .map(i -> CompletableFuture.supplyAsync(() -> postUnchecked("/c/" + i), pool))
            .toList();

    assertThat(receiver.awaitRequests(6, WAIT))
        .extracting(RecordedRequest::path)
        .containsExactlyInAnyOrder("/c/1", "/c/2", "/c/3", "/c/4", "/c/5", "/c/6");
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void resetForgetsRequestsAndScripts() throws Exception {
    receiver.respondWith(ScriptedResponse.status(503)).enqueue(ScriptedResponse.status(500));
    post("/");

    receiver.reset();

    assertThat(receiver.requests()).isEmpty();
    assertThat(post("/").statusCode()).isEqualTo(200);
  }

  @Test
  void closeStopsListeningAndIsIdempotent() {
    WebhookReceiver own = WebhookReceiver.start();
    String url = own.url();
    own.close();
    own.close();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(receiver.url(path)))
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postUnchecked(String path) {
    try {
      return post(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
