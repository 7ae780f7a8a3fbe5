package io.hookstream.store.jdbc.ordering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP receiver that answers 500 to a seeded random share of requests and 200 to the
 * rest, and records, per {@code customer_id} of the JSON body, the {@code seq} of each request it
 * accepted, in the order it accepted them.
 */
final class FlakyReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Random random;
  private final double failureRate;
  private final Map<String, List<Integer>> accepted = new TreeMap<>();
  private int acceptedCount;
  private int failedCount;

  FlakyReceiver(long seed, double failureRate) {
    this.random = new Random(seed);
    this.failureRate = failureRate;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    int status;
    synchronized (this) {
      // The decision and the record are one step, so the recorded order is the accepted order.
      status = random.nextDouble() < failureRate ? 500 : 200;
      if (status == 200) {
        accepted
            .computeIfAbsent(body.path("customer_id").asText(), k -> new ArrayList<>())
            .add(body.path("seq").asInt());
        acceptedCount++;
        notifyAll();
      } else {
        failedCount++;
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Waits up to {@code timeout} until {@code count} requests were accepted; returns whether. */
  synchronized boolean awaitAccepted(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acceptedCount < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Per customer, the {@code seq} of each accepted request in the order accepted. */
  synchronized Map<String, List<Integer>> accepted() {
    Map<String, List<Integer>> copy = new TreeMap<>();
    accepted.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  synchronized int failed() {
    return failedCount;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
