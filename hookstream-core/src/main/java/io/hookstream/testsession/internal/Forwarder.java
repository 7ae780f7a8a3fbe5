package io.hookstream.testsession.internal;

import io.hookstream.internal.Threads;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Clock;
import io.hookstream.spi.provider.EndpointGuard;
import io.hookstream.spi.store.TestRequestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sends a copy of each recorded request to the session's forwarding URL on a small pool with a
 * bounded queue, so a slow or dead target never holds up the ingest answer: when the queue is full
 * the copy is dropped and that is recorded as its outcome. Redirects are not followed, the SSRF
 * guard checks the target's addresses before each send, and at most {@code maxBodyBytes} of the
 * answer are kept. Thread-safe.
 */
public final class Forwarder implements AutoCloseable {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Headers the client sets itself, or that describe the hop rather than the request. */
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive",
          "te",
          "trailer",
          "proxy-authorization",
          "proxy-connection",
          "http2-settings");

  private final AddressPolicy policy;
  private final Clock clock;
  private final int maxBodyBytes;
  private final BiConsumer<TestRequestRecord, TestRequestRecord.Forward> onResult;
  private final ThreadPoolExecutor pool;
  private final HttpClient client;

  public Forwarder(
      AddressPolicy policy,
      Clock clock,
      int threads,
      int queueSize,
      int maxBodyBytes,
      BiConsumer<TestRequestRecord, TestRequestRecord.Forward> onResult,
      String threadPrefix) {
    this.policy = policy;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.onResult = onResult;
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            Threads.daemon(threadPrefix));
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Why forwarding to {@code url} is refused (shape or SSRF guard), or null when it is allowed. */
  public String rejection(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return "must be an absolute http or https URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return "must be an absolute http or https URL";
    }
    String refused = EndpointGuard.rejection(uri, policy);
    return refused == null
        ? null
        : refused.replace("delivery to", "forwarding to")
            + " (for test sessions: the engine's allowPrivateNetworks option)";
  }

  /** Queues a copy of {@code request} for {@code url}; returns at once. */
  public void submit(String url, TestRequestRecord request) {
    try {
      pool.execute(() -> onResult.accept(request, send(url, request)));
    } catch (RejectedExecutionException e) {
      onResult.accept(
          request, failure(url, 0, "forwarding queue is full; this request was not forwarded"));
    }
  }

  private TestRequestRecord.Forward send(String url, TestRequestRecord request) {
    String refused = rejection(url);
    if (refused != null) {
      return failure(url, 0, refused);
    }
    long start = System.nanoTime();
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(REQUEST_TIMEOUT)
              .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
      for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
        if (!HOP_HEADERS.contains(h.getKey())) {
          h.getValue().forEach(v -> b.header(h.getKey(), v));
        }
      }
      b.header("X-hookstream-Test-Session", request.sessionId());
      HttpResponse<InputStream> response =
          client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(maxBodyBytes), StandardCharsets.UTF_8);
      }
      return new TestRequestRecord.Forward(
          url, response.statusCode(), millisSince(start), body, null, clock.now());
    } catch (HttpTimeoutException e) {
      return failure(
          url, millisSince(start), "timed out after " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (IOException | IllegalArgumentException e) {
      return failure(
          url, millisSince(start), String.valueOf(e.getMessage() == null ? e : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(url, millisSince(start), "interrupted: the engine is stopping");
    }
  }

  private TestRequestRecord.Forward failure(String url, long latencyMs, String error) {
    return new TestRequestRecord.Forward(url, null, latencyMs, null, error, clock.now());
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Stops taking copies; those queued are dropped, running sends end within their timeout. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
