package io.hookstream.benchmarks.scaleout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on loopback (JDK HttpServer) that answers 200 after a fixed delay, as a
 * receiver doing real work would, and counts each (destination path, {@code X-hookstream-Event-Id})
 * pair once: a second receipt of a pair is a duplicate. Thread-safe.
 */
final class CountingReceiver implements AutoCloseable {

  private static final String EVENT_ID = "X-hookstream-Event-Id";

  private final HttpServer server;
  private final ExecutorService executor;
  private final long delayMillis;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong unidentified = new AtomicLong();
  private final AtomicLong lastReceipt = new AtomicLong();

  /** {@code threads} must cover every request the engines may have in flight at once. */
  CountingReceiver(int threads, long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Distinct deliveries received. */
  long received() {
    return seen.size();
  }

  /** Deliveries received again (same destination and event). */
  long duplicates() {
    return duplicates.get();
  }

  /** Requests without an event id header: the count would be wrong if there were any. */
  long unidentified() {
    return unidentified.get();
  }

  /** {@code System.nanoTime()} of the latest answer. */
  long lastReceiptNanos() {
    return lastReceipt.get();
  }

  /** Waits until {@code count} distinct deliveries arrived or {@code timeoutNanos} passed. */
  boolean awaitCount(long count, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (received() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String id = exchange.getRequestHeaders().getFirst(EVENT_ID);
    if (id == null) {
      unidentified.incrementAndGet();
    } else if (!seen.add(exchange.getRequestURI().getPath() + " " + id)) {
      duplicates.incrementAndGet();
    }
    if (delayMillis > 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(delayMillis); // the receiver's own work
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastReceipt.accumulateAndGet(System.nanoTime(), Math::max);
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
