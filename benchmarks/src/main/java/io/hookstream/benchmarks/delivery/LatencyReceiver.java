package io.hookstream.benchmarks.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookstream.benchmarks.support.Latency;
import io.hookstream.benchmarks.support.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntToLongFunction;

/**
 * A lean webhook receiver on loopback (JDK HttpServer, keep-alive): reads each body, takes the send
 * time stamped in it ({@code System.nanoTime()} of the intended send, see {@link Payloads#json}),
 * records now minus that, answers 200 with no body. Unlike the testkit's receiver it keeps no
 * request, so it costs the same at the millionth delivery as at the first. Optionally it takes a
 * while to answer, as a function of how many requests are in progress. Thread-safe.
 */
final class LatencyReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile Latency latency = new Latency();
  private volatile long since = Long.MIN_VALUE;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong lastReceipt = new AtomicLong();
  private final IntToLongFunction serviceNanos;
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger peakInProgress = new AtomicInteger();

  LatencyReceiver(int threads) throws IOException {
    this(threads, concurrent -> 0);
  }

  /**
   * @param serviceNanos how long a request takes to answer, given the requests in progress (itself
   *     included)
   */
  LatencyReceiver(int threads, IntToLongFunction serviceNanos) throws IOException {
    this.serviceNanos = serviceNanos;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /**
   * Starts a new measurement: a fresh histogram and count. Deliveries stamped before {@code
   * sinceNanos} belong to an earlier measurement that had not drained; they are counted apart.
   */
  Latency reset(long sinceNanos) {
    latency = new Latency();
    since = sinceNanos;
    received.set(0);
    stale.set(0);
    peakInProgress.set(0);
    return latency;
  }

  /**
   * Ends a window of the current measurement: returns the latencies recorded since the previous cut
   * (or the reset), whose count is the window's deliveries, and records the next window apart. The
   * received count runs on across windows.
   */
  Latency cut() {
    Latency window = latency;
    latency = new Latency();
    return window;
  }

  /** Deliveries of earlier measurements that arrived during this one. */
  long stale() {
    return stale.get();
  }

  long received() {
    return received.get();
  }

  /** The most requests in progress at once since the last {@link #reset}. */
  int peakInProgress() {
    return peakInProgress.get();
  }

  /** {@code System.nanoTime()} of the latest receipt. */
  long lastReceiptNanos() {
    return lastReceipt.get();
  }

  /** Waits until {@code count} deliveries arrived or {@code timeoutNanos} passed; true if all. */
  boolean awaitCount(long count, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (received.get() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int concurrent = inProgress.incrementAndGet();
    try {
      peakInProgress.accumulateAndGet(concurrent, Math::max);
      receive(exchange);
      long wait = serviceNanos.applyAsLong(concurrent);
      if (wait > 0) {
        LockSupport.parkNanos(wait); // the receiver's own work
      }
    } finally {
      inProgress.decrementAndGet();
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    try (InputStream in = exchange.getRequestBody()) {
      int r;
      while ((r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
    }
    long now = System.nanoTime();
    long stamp = Payloads.stamp(buf, n);
    if (stamp < since) {
      stale.incrementAndGet();
    } else {
      latency.recordNanos(now - stamp);
      lastReceipt.accumulateAndGet(now, Math::max);
      received.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
