package io.hookstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of hookstream's {@code /v1/ws} stream on the JDK WebSocket: {@link #subscribe} and
 * {@link #unsubscribe} channels, receive messages through a {@link StreamListener}, answer the
 * server's pings with pongs, and reconnect after any disconnection with {@link Backoff} delays (1
 * s, 2 s, 4 s ... 30 s by default), re-sending every subscription after reconnecting.
 *
 * <pre>{@code
 * HookstreamStream stream = HookstreamStream.builder(URI.create("ws://localhost:8080/v1/ws"))
 *     .token(apiKey)
 *     .listener(m -> System.out.println(m.type() + " " + m.data()))
 *     .build();
 * stream.subscribe("events");
 * stream.connect();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops reconnecting and closes the connection.
 */
public final class HookstreamStream implements AutoCloseable {

  /** Runs a reconnection after a delay; injectable so tests need not wait. */
  @FunctionalInterface
  public interface ReconnectScheduler {
    void schedule(Runnable reconnect, Duration delay);
  }

  private static final Logger log = LoggerFactory.getLogger(HookstreamStream.class);
  private static final String PONG = "{\"type\":\"pong\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final StreamListener listener;
  private final HttpClient http;
  private final Backoff backoff;
  private final ReconnectScheduler scheduler;
  private final ScheduledExecutorService ownScheduler;
  private final Set<String> channels = new LinkedHashSet<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Object lock = new Object();

  private WebSocket socket;
  private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
  private int generation;
  private int failures;
  private boolean started;
  private boolean closed;

  private HookstreamStream(Builder b) {
    this.uri = b.token == null ? b.endpoint : withToken(b.endpoint, b.token);
    this.listener = b.listener;
    this.http = b.http != null ? b.http : HttpClient.newHttpClient();
    this.backoff = b.backoff;
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownScheduler = null;
    } else {
      this.ownScheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "hookstream-stream-reconnect");
                t.setDaemon(true);
                return t;
              });
      this.scheduler =
          (task, delay) -> ownScheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** A builder for the stream at {@code endpoint} ({@code ws://} or {@code wss://}). */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** Opens the first connection (asynchronously); later ones follow disconnections. */
  public HookstreamStream connect() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("stream is closed");
      }
      if (started) {
        return this;
      }
      started = true;
    }
    attempt();
    return this;
  }

  /** Subscribes to {@code channel} now if connected, and after every reconnection. */
  public void subscribe(String channel) {
    Objects.requireNonNull(channel, "channel");
    synchronized (lock) {
      channels.add(channel);
      sendIfOpen(channelMessage("subscribe", channel));
    }
  }

  /** Unsubscribes from {@code channel}. */
  public void unsubscribe(String channel) {
    synchronized (lock) {
      channels.remove(channel);
      sendIfOpen(channelMessage("unsubscribe", channel));
    }
  }

  /** The channels re-sent after each reconnection. */
  public Set<String> channels() {
    synchronized (lock) {
      return Set.copyOf(channels);
    }
  }

  /** Whether a connection is open now. */
  public boolean isConnected() {
    synchronized (lock) {
      return socket != null;
    }
  }

  /** How many connections have opened so far. */
  public int connectionCount() {
    return connections.get();
  }

  @Override
  public void close() {
    WebSocket ws;
    synchronized (lock) {
      closed = true;
      ws = socket;
      socket = null;
      generation++;
    }
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").exceptionally(e -> null);
    }
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  private void attempt() {
    int gen;
    synchronized (lock) {
      if (closed) {
        return;
      }
      gen = ++generation;
    }
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new Receiver(gen))
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                disconnected(gen, 1006, "connect failed: " + rootMessage(error));
              }
            });
  }

  private void opened(int gen, WebSocket ws) {
    List<String> resend;
    synchronized (lock) {
      if (gen != generation || closed) {
        ws.abort();
        return;
      }
      socket = ws;
      sendTail = CompletableFuture.completedFuture(null);
      failures = 0;
      resend = List.copyOf(channels);
      for (String channel : resend) {
        sendIfOpen(channelMessage("subscribe", channel));
      }
    }
    connections.incrementAndGet();
    listener.onConnected();
  }

  private void disconnected(int gen, int code, String reason) {
    Duration delay;
    synchronized (lock) {
      if (gen != generation || closed) {
        return;
      }
      generation++; // late callbacks of this connection are ignored from now on
      if (socket != null) {
        socket.abort();
      }
      socket = null;
      delay = backoff.delay(failures++);
    }
    listener.onDisconnected(code, reason, delay);
    scheduler.schedule(this::attempt, delay);
  }

  private void received(int gen, String text) {
    JsonNode msg = parseOrNull(text);
    if (msg == null || !msg.isObject()) {
      log.warn("ignoring a message that is not a JSON object");
      return;
    }
    String type = msg.path("type").asText(null);
    if ("ping".equals(type)) {
      synchronized (lock) {
        if (gen == generation) {
          sendIfOpen(PONG);
        }
      }
      return;
    }
    String channel = msg.hasNonNull("channel") ? msg.get("channel").asText() : null;
    JsonNode data = msg.has("data") ? msg.get("data") : MissingNode.getInstance();
    listener.onMessage(new StreamMessage(type, channel, data, text));
  }

  /** Called holding {@code lock}: sends are chained, as the JDK allows one outstanding send. */
  private void sendIfOpen(String text) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    sendTail =
        sendTail
            .handle((ok, e) -> null)
            .thenCompose(v -> ws.sendText(text, true))
            .exceptionally(
                e -> {
                  log.debug("sending on the stream failed", e);
                  return null;
                });
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String channelMessage(String type, String channel) {
    return JSON.createObjectNode().put("type", type).put("channel", channel).toString();
  }

  private static URI withToken(URI endpoint, String token) {
    String sep = endpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(endpoint + sep + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** One connection's callbacks; stale generations are ignored. */
  private final class Receiver implements WebSocket.Listener {
    private final int gen;
    private StringBuilder partial = new StringBuilder();

    Receiver(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket ws) {
      opened(gen, ws);
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial = new StringBuilder();
        try {
          received(gen, text);
        } catch (RuntimeException e) {
          log.warn("stream listener failed", e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      disconnected(gen, code, reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      disconnected(gen, 1006, rootMessage(error));
    }
  }

  /** Configures a {@link HookstreamStream}. A listener is required. Not thread-safe. */
  public static final class Builder {
    private final URI endpoint;
    private String token;
    private StreamListener listener;
    private HttpClient http;
    private Backoff backoff = Backoff.DEFAULT;
    private ReconnectScheduler scheduler;

    private Builder(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
        throw new IllegalArgumentException("endpoint must be ws:// or wss://: " + endpoint);
      }
    }

    /** The API key, sent as the {@code token} query parameter. */
    public Builder token(String apiKey) {
      this.token = Objects.requireNonNull(apiKey, "token");
      return this;
    }

    public Builder listener(StreamListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The JDK HTTP client to connect with; a new default one if unset. */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "httpClient");
      return this;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Where reconnections are scheduled; a daemon thread of the client's own if unset. */
    public Builder reconnectScheduler(ReconnectScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    public HookstreamStream build() {
      if (listener == null) {
        throw new IllegalStateException("listener is required");
      }
      return new HookstreamStream(this);
    }
  }
}
