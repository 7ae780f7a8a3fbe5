package io.hookstream.providers.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on 127.0.0.1 that serves {@code capacity} requests at once, each for {@code
 * serviceMillis}, and answers 429 at once to a request that arrives while it is full, as a rate- or
 * concurrency-limited API does. It keeps, per request, how many were in progress when it arrived
 * (itself included). Thread-safe.
 */
final class CapacityReceiver implements AutoCloseable {

  /** One request: the concurrency it arrived at, and whether it was refused. */
  record Arrival(int concurrency, boolean refused) {}

  private final int capacity;
  private final long serviceMillis;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(64);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

  CapacityReceiver(int capacity, long serviceMillis) throws IOException {
    this.capacity = capacity;
    this.serviceMillis = serviceMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inProgress.incrementAndGet();
    int status;
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      boolean refused = now > capacity;
      arrivals.add(new Arrival(now, refused));
      if (!refused) {
        TimeUnit.MILLISECONDS.sleep(serviceMillis); // the receiver's own work
      }
      status = refused ? 429 : 200;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
    } finally {
      inProgress.decrementAndGet(); // before answering: the sender may send again at once
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
