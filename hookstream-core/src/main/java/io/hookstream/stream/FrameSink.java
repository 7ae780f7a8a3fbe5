package io.hookstream.stream;

import java.util.function.Consumer;

/**
 * The transport side of one {@link StreamSubscription}: a WebSocket session, for example. {@link
 * #send} starts one asynchronous text send and calls {@code done} when it completed (with null) or
 * failed (with the cause); the subscription never starts a second send before the first is done.
 * {@link #close} closes the connection with a WebSocket close code and reason; it is called at most
 * once.
 *
 * <p>Implementations must not block in either method: both may be called on a publishing thread.
 * {@code done} may be called on any thread, also before {@code send} returns.
 */
public interface FrameSink {

  void send(String frame, Consumer<Throwable> done);

  void close(int code, String reason);
}
