package io.hookstream.servlet.ws.internal;

import io.hookstream.spi.HookstreamException;
import io.hookstream.stream.StreamChannels;
import io.hookstream.stream.StreamSubscription;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/ws/test/{session_id}}: the unauthenticated feed of one existing test session, on
 * channel {@code test} (an unknown id is closed with 1008). Whatever the engine publishes with
 * {@code streams().testSessionMessage(sessionId, ...)} arrives here; client messages other than
 * {@code pong} are ignored.
 */
public final class TestSessionEndpoint extends BaseEndpoint {

  private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,100}$");

  TestSessionEndpoint(WsRuntime runtime) {
    super(runtime);
  }

  @Override
  protected void opened(Session session, EndpointConfig config, WsConnection c) {
    String id = session.getPathParameters().get("session_id");
    if (id == null || !SESSION_ID.matcher(id).matches()) {
      refuse(c, "invalid test session id");
      return;
    }
    if (!exists(id)) {
      refuse(c, "unknown test session");
      return;
    }
    id = runtime.hookstream().testSessions().require(id).id(); // without a ts_ prefix
    StreamSubscription s =
        runtime.hookstream().streams().openTestSession(id, c, runtime.options().queueCapacity());
    c.attach(s);
    s.send(
        Frames.write(
            Frames.object("welcome").put("session_id", id).put("channel", StreamChannels.TEST)));
  }

  /** Only a live session has a feed: nobody may hold sockets open on made-up ids. */
  private boolean exists(String id) {
    try {
      runtime.hookstream().testSessions().require(id);
      return true;
    } catch (HookstreamException e) {
      return false;
    }
  }

  @Override
  protected void onText(StreamSubscription s, String text) {
    // Only liveness matters here (counted by the base class).
  }
}
