package io.hookstream.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A real HTTP endpoint on loopback that records what notification channels post, answering with the
 * queued status codes (then 200).
 */
final class NotificationReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

  /** A receiver listening on a free loopback port. */
  static NotificationReceiver start() {
    try {
      return new NotificationReceiver();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private NotificationReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(body, StandardCharsets.UTF_8)));
          Integer status = statuses.poll();
          exchange.sendResponseHeaders(status == null ? 200 : status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  void answer(int... codes) {
    for (int c : codes) {
      statuses.add(c);
    }
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits (bounded) until {@code count} requests arrived; returns them. */
  List<Received> await(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("got " + received.size() + " notifications, expected " + count);
      }
      LockSupport.parkNanos(2_000_000);
    }
    return received();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
