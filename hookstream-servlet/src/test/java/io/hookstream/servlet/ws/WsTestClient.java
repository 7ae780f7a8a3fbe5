package io.hookstream.servlet.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.json.HookstreamJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw JDK WebSocket client for tests: queues every text message, answers pings when told to, and
 * can stop reading (no demand) to play a slow consumer.
 */
final class WsTestClient implements AutoCloseable {

  /** The close frame the server sent: code and reason. */
  record Closed(int code, String reason) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Closed> closed = new CompletableFuture<>();
  final AtomicInteger pings = new AtomicInteger();
  private final boolean answerPings;
  private volatile boolean reading = true;
  private volatile WebSocket ws;
  private final StringBuilder partial = new StringBuilder();
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  private WsTestClient(boolean answerPings) {
    this.answerPings = answerPings;
  }

  static WsTestClient connect(URI uri) throws Exception {
    return connect(uri, true);
  }

  static WsTestClient connect(URI uri, boolean answerPings) throws Exception {
    return connect(uri, answerPings, java.util.Map.of());
  }

  /** Connects sending {@code headers} with the upgrade request. */
  static WsTestClient connect(URI uri, boolean answerPings, java.util.Map<String, String> headers)
      throws Exception {
    WsTestClient c = new WsTestClient(answerPings);
    WebSocket.Builder b = HTTP.newWebSocketBuilder();
    headers.forEach(b::header);
    c.ws = b.buildAsync(uri, c.new Listener()).get(5, TimeUnit.SECONDS);
    return c;
  }

  /** The HTTP status and body of an upgrade the server refused; fails if it was accepted. */
  static java.net.http.HttpResponse<?> refusedUpgrade(URI uri) throws Exception {
    try {
      WebSocket accepted =
          HTTP.newWebSocketBuilder()
              .buildAsync(uri, new WebSocket.Listener() {})
              .get(5, TimeUnit.SECONDS);
      accepted.abort();
      throw new AssertionError("upgrade to " + uri + " was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        return refused.getResponse();
      }
      throw e;
    }
  }

  void send(String json) {
    sendAsync(json).join();
  }

  /** Sends are chained: the JDK allows one outstanding send per WebSocket. */
  private synchronized CompletableFuture<?> sendAsync(String json) {
    tail = tail.handle((ok, e) -> null).thenCompose(v -> ws.sendText(json, true));
    return tail;
  }

  void subscribe(String channel) throws InterruptedException {
    send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
    JsonNode ack = next("subscribed");
    if (!channel.equals(ack.path("channel").asText())) {
      throw new AssertionError("subscribed to " + ack);
    }
  }

  /** The next message (pings excluded when answered), waiting up to 5 s. */
  JsonNode next() throws InterruptedException {
    JsonNode m = messages.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 5 s");
    }
    return m;
  }

  /** The next message, which must have type {@code type}. */
  JsonNode next(String type) throws InterruptedException {
    JsonNode m = next();
    if (!type.equals(m.path("type").asText())) {
      throw new AssertionError("expected a " + type + " message, got " + m);
    }
    return m;
  }

  JsonNode poll(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Stops asking for messages: the server's frames back up behind this client. */
  void stopReading() {
    reading = false;
  }

  /** Reads again, everything that is waiting. */
  void resumeReading() {
    reading = true;
    ws.request(Long.MAX_VALUE);
  }

  Closed awaitClose() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    if (ws != null) {
      ws.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode m =
            HookstreamJson.parseOrNull(partial.toString().getBytes(StandardCharsets.UTF_8));
        partial.setLength(0);
        if (m != null && "ping".equals(m.path("type").asText())) {
          pings.incrementAndGet();
          if (answerPings) {
            sendAsync("{\"type\":\"pong\"}");
          }
        } else {
          messages.add(m);
        }
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
      closed.complete(new Closed(code, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
