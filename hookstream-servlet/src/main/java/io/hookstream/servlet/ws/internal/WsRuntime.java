package io.hookstream.servlet.ws.internal;

import io.hookstream.Hookstream;
import io.hookstream.servlet.ws.WebSocketOptions;
import jakarta.websocket.CloseReason;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the endpoints of one installation share: the engine, the options, the open connections, one
 * heartbeat thread for all of them and a small pool that performs closes (a close may wait on a
 * socket; publishing threads never do). No thread per connection. Thread-safe.
 */
public final class WsRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WsRuntime.class);

  private final Hookstream hookstream;
  private final WebSocketOptions options;
  private final Set<WsConnection> connections = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat;
  private final ThreadPoolExecutor closer;
  private final String timeoutReason;
  private final UpgradeFilter upgradeFilter;

  public WsRuntime(Hookstream hookstream, WebSocketOptions options, String prefix) {
    this.hookstream = hookstream;
    this.options = options;
    this.upgradeFilter = new UpgradeFilter(hookstream, prefix);
    String name = "hookstream-ws-" + hookstream.instanceId();
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon(name + "-heartbeat"));
    this.closer =
        new ThreadPoolExecutor(
            4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name + "-close"));
    closer.allowCoreThreadTimeOut(true);
    this.timeoutReason =
        "heartbeat timeout: no pong within " + options.heartbeatInterval().toMillis() + " ms";
    long every = options.heartbeatInterval().toMillis();
    heartbeat.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  Hookstream hookstream() {
    return hookstream;
  }

  /**
   * The filter to install in front of the upgrade: answers bad credentials with 401 and lets
   * ingestion see client addresses.
   */
  public UpgradeFilter upgradeFilter() {
    return upgradeFilter;
  }

  WebSocketOptions options() {
    return options;
  }

  WsConnection register(jakarta.websocket.Session session) {
    WsConnection c = new WsConnection(session, closer);
    connections.add(c);
    return c;
  }

  /** Endpoint configs for the three endpoints under {@code prefix} (for example "/v1"). */
  public java.util.List<jakarta.websocket.server.ServerEndpointConfig> endpointConfigs(
      String prefix) {
    // prefix is also the one given to the constructor; the filter matches the same paths.
    return java.util.List.of(
        config(StreamEndpoint.class, prefix + "/ws", () -> new StreamEndpoint(this), true),
        config(
            TestSessionEndpoint.class,
            prefix + "/ws/test/{session_id}",
            () -> new TestSessionEndpoint(this),
            false),
        config(
            SourceEndpoint.class,
            prefix + "/ws/source/{source_id}",
            () -> new SourceEndpoint(this),
            true));
  }

  private <T extends BaseEndpoint> jakarta.websocket.server.ServerEndpointConfig config(
      Class<T> type, String path, java.util.function.Supplier<T> factory, boolean auth) {
    return jakarta.websocket.server.ServerEndpointConfig.Builder.create(type, path)
        .configurator(new Handshake(this, factory, auth))
        .build();
  }

  void unregister(WsConnection c) {
    connections.remove(c);
  }

  /** Open connections of this installation. */
  public int openConnections() {
    return connections.size();
  }

  /** Closes every open connection with {@code code} and {@code reason}. */
  public void disconnectAll(int code, String reason) {
    for (WsConnection c : connections) {
      c.close(code, reason);
    }
  }

  /** Stops the heartbeat and closes every connection with 1001 (going away). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    for (WsConnection c : connections) {
      c.close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "server shutting down");
    }
    closer.shutdown();
    try {
      if (!closer.awaitTermination(5, TimeUnit.SECONDS)) {
        closer.shutdownNow();
      }
    } catch (InterruptedException e) {
      closer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void tick() {
    for (WsConnection c : connections) {
      try {
        c.tick(timeoutReason);
      } catch (RuntimeException e) {
        log.warn("heartbeat failed for WebSocket {}", c.session().getId(), e);
      }
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
