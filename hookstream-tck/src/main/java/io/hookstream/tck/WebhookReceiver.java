package io.hookstream.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookstream.spi.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers what it is told: a default
 * response (an empty 200 unless changed) and a queue of scripted responses used first, in order. A
 * scripted response can carry headers, a body, a delay, or close the connection unanswered.
 *
 * <pre>{@code
 * @RegisterExtension static final WebhookReceiver receiver = WebhookReceiver.start();
 *
 * receiver.enqueue(ScriptedResponse.status(500), ScriptedResponse.status(500));
 * // ... deliver three times to receiver.url("/hooks") ...
 * List<RecordedRequest> got = receiver.awaitRequests(3, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>As a {@code @RegisterExtension} field it resets before each test and closes after the class
 * (static field) or after each test (instance field); it can also be used with try-with-resources.
 * Safe for concurrent use: requests are handled on their own threads, so a delayed answer does not
 * hold up others.
 */
public final class WebhookReceiver
    implements AutoCloseable,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback {

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Object lock = new Object();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Deque<ScriptedResponse> script = new ArrayDeque<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private ScriptedResponse defaultResponse = ScriptedResponse.ok();
  private volatile boolean classScoped;

  private WebhookReceiver(Clock clock) throws IOException {
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "webhook-receiver-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a receiver on a free loopback port, stamping arrivals with the system clock. */
  public static WebhookReceiver start() {
    return start(Clock.system());
  }

  /** Starts a receiver on a free loopback port, stamping arrivals with {@code clock}. */
  public static WebhookReceiver start(Clock clock) {
    try {
      return new WebhookReceiver(Objects.requireNonNull(clock, "clock"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the webhook receiver on loopback", e);
    }
  }

  /** The base URL, such as {@code http://127.0.0.1:41234/}. */
  public String url() {
    return url("/");
  }

  /** The URL of {@code path} on this receiver ({@code /} is added in front when missing). */
  public String url(String path) {
    String slashed = path.startsWith("/") ? path : "/" + path;
    return "http://127.0.0.1:" + server.getAddress().getPort() + slashed;
  }

  /** The port the receiver listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The response used when the queue is empty (initially an empty 200). */
  public WebhookReceiver respondWith(ScriptedResponse response) {
    synchronized (lock) {
      defaultResponse = Objects.requireNonNull(response, "response");
    }
    return this;
  }

  /** Queues responses for the next requests, in order, before the default applies again. */
  public WebhookReceiver enqueue(ScriptedResponse... responses) {
    synchronized (lock) {
      for (ScriptedResponse response : responses) {
        script.addLast(Objects.requireNonNull(response, "response"));
      }
    }
    return this;
  }

  /** Every request received so far, oldest first (a snapshot). */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /**
   * Waits until at least {@code count} requests have arrived and returns them all, oldest first.
   *
   * @throws AssertionError when fewer arrived within {@code timeout}, naming how many did
   */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + count + " request(s) within " + timeout + ", got " + requests.size());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for requests", e);
        }
      }
      return List.copyOf(requests);
    }
  }

  /** Forgets recorded requests and queued responses; the default response becomes an empty 200. */
  public void reset() {
    synchronized (lock) {
      requests.clear();
      script.clear();
      defaultResponse = ScriptedResponse.ok();
    }
  }

  /** Stops the server; delayed answers in progress are abandoned. Idempotent. */
  @Override
  public void close() {
    if (closing.getCount() == 0) {
      return;
    }
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "webhook receiver threads did not stop in " + SHUTDOWN_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classScoped = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!classScoped) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * The most requests this receiver was answering at once since it started: what a destination's
   * {@code max_in_flight} promises to bound.
   */
  public int peakConcurrency() {
    return peak.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
    boolean answering = false;
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      ScriptedResponse response;
      synchronized (lock) {
        requests.add(
            new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body,
                clock.now()));
        response = script.isEmpty() ? defaultResponse : script.removeFirst();
        lock.notifyAll();
      }
      if (!response.delay().isZero() && awaitClose(response.delay())) {
        return;
      }
      // No longer counted before the sender can see the answer and send its next request.
      answering = true;
      active.decrementAndGet();
      if (response.dropConnection()) {
        return; // Closing the exchange before any response headers drops the connection.
      }
      response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
      byte[] payload = response.body();
      exchange.sendResponseHeaders(response.status(), payload.length == 0 ? -1 : payload.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(payload);
      }
    } finally {
      if (!answering) {
        active.decrementAndGet();
      }
    }
  }

  /** Waits out a scripted delay; true when the receiver is closing meanwhile. */
  private boolean awaitClose(Duration delay) {
    try {
      return closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
