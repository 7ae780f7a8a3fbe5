package io.hookstream.servlet.ws.internal;

import io.hookstream.stream.FrameSink;
import io.hookstream.stream.StreamSubscription;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket: the {@link FrameSink} its {@link StreamSubscription} sends through (async
 * sends; closes handed to an executor so no publishing thread waits on a socket) and its heartbeat
 * state. Thread-safe.
 */
final class WsConnection implements FrameSink {

  private static final Logger log = LoggerFactory.getLogger(WsConnection.class);

  /** Heartbeat ticks an orderly close may take before it is forced. */
  static final int FORCE_CLOSE_TICKS = 2;

  /**
   * Tomcat's per-session limit on blocking sends, the close frame included (default 20 s); other
   * containers ignore the property. A forced close must not hold a closer thread that long.
   */
  private static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  private static final long FORCED_CLOSE_WRITE_MILLIS = 1_000;

  /** A close reason may carry at most 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;

  private final Session session;
  private final Executor closer;
  private volatile StreamSubscription subscription;
  private volatile boolean awaitingPong;
  private volatile int closingTicks;
  private volatile boolean forced;

  WsConnection(Session session, Executor closer) {
    this.session = session;
    this.closer = closer;
  }

  void attach(StreamSubscription subscription) {
    this.subscription = subscription;
  }

  StreamSubscription subscription() {
    return subscription;
  }

  Session session() {
    return session;
  }

  /** Anything the client sent proves it is alive. */
  void heardFromClient() {
    awaitingPong = false;
  }

  /**
   * One heartbeat tick: close a connection that did not answer the last ping; force the close of
   * one whose orderly close has not completed after {@link #FORCE_CLOSE_TICKS} more ticks (its
   * socket is full: the client reads nothing); else send a ping.
   */
  void tick(String timeoutReason) {
    StreamSubscription s = subscription;
    if (s == null) {
      return;
    }
    if (!s.isOpen()) {
      if (++closingTicks > FORCE_CLOSE_TICKS && session.isOpen()) {
        forceClose(s.closeCode(), s.closeReason());
      }
      return;
    }
    if (awaitingPong) {
      s.closeAfterSend(CloseReason.CloseCodes.GOING_AWAY.getCode(), timeoutReason);
      return;
    }
    awaitingPong = true;
    s.send(Frames.PING);
  }

  @Override
  public void send(String frame, Consumer<Throwable> done) {
    try {
      session
          .getAsyncRemote()
          .sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(int code, String reason) {
    CloseReason why = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), fit(reason));
    Runnable closeIt =
        () -> {
          try {
            if (session.isOpen()) {
              session.close(why);
            }
          } catch (IOException | RuntimeException e) {
            log.debug("closing WebSocket {} failed", session.getId(), e);
          }
        };
    try {
      closer.execute(closeIt);
    } catch (RejectedExecutionException e) {
      closeIt.run(); // the installation is shutting down: close on this thread
    }
  }

  /** Closes without waiting for the frame in flight; the close frame gets a short write limit. */
  private void forceClose(int code, String reason) {
    if (!forced) {
      forced = true;
      session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, FORCED_CLOSE_WRITE_MILLIS);
      close(code, reason);
    }
  }

  private static String fit(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    String cut = reason;
    while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }
}
