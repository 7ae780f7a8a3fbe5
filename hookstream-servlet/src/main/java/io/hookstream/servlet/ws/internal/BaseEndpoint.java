package io.hookstream.servlet.ws.internal;

import io.hookstream.spi.Principal;
import io.hookstream.stream.StreamSubscription;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three endpoints share: per-connection limits and timeouts, registration with the
 * heartbeat, liveness on any client message, and cleanup on close. One instance per connection.
 */
public abstract class BaseEndpoint extends Endpoint {

  private static final Logger log = LoggerFactory.getLogger(BaseEndpoint.class);

  protected final WsRuntime runtime;
  private volatile WsConnection connection;

  BaseEndpoint(WsRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public final void onOpen(Session session, EndpointConfig config) {
    session.setMaxIdleTimeout(runtime.options().heartbeatInterval().toMillis() * 3);
    session.setMaxTextMessageBufferSize(maxMessageBytes());
    session.getAsyncRemote().setSendTimeout(runtime.options().sendTimeout().toMillis());
    WsConnection c = runtime.register(session);
    this.connection = c;
    session.addMessageHandler(
        String.class,
        (MessageHandler.Whole<String>)
            text -> {
              c.heardFromClient();
              StreamSubscription s = c.subscription();
              if (s != null && s.isOpen()) {
                onText(s, text);
              }
            });
    session.addMessageHandler(
        PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> c.heardFromClient());
    opened(session, config, c);
  }

  @Override
  public final void onClose(Session session, CloseReason reason) {
    WsConnection c = connection;
    if (c != null) {
      runtime.unregister(c);
      StreamSubscription s = c.subscription();
      if (s != null) {
        s.close();
      }
    }
  }

  @Override
  public void onError(Session session, Throwable error) {
    log.debug("WebSocket {} failed", session.getId(), error);
  }

  /** Largest text message this endpoint accepts from clients. */
  protected int maxMessageBytes() {
    return runtime.options().maxClientMessageBytes();
  }

  /** The connection is open: authorize, open its subscription (attach it), greet. */
  protected abstract void opened(Session session, EndpointConfig config, WsConnection c);

  /** One text message from the client; replies go through {@code s}. */
  protected abstract void onText(StreamSubscription s, String text);

  /** The authenticated principal, or null after refusing the connection with 1008. */
  protected static Principal authorized(EndpointConfig config, WsConnection c) {
    Principal p = Handshake.principal(config);
    if (p == null) {
      refuse(c, Handshake.authError(config));
    }
    return p;
  }

  /** Opens {@code c}'s subscription to {@code p}'s organization stream (no channels yet). */
  protected StreamSubscription openFor(Principal p, WsConnection c) {
    StreamSubscription s =
        runtime.hookstream().streams().open(p.orgId(), c, runtime.options().queueCapacity());
    c.attach(s);
    return s;
  }

  /** Closes a connection refused for policy reasons (bad token, foreign source) with 1008. */
  protected static void refuse(WsConnection c, String reason) {
    c.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason);
  }
}
