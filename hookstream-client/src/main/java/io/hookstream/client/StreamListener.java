package io.hookstream.client;

/**
 * Receives a {@link HookstreamStream}'s messages and connection changes. Called on the HTTP
 * client's threads, one call at a time per connection; must return quickly.
 */
public interface StreamListener {

  /** Every server message except heartbeat pings (which the client answers itself). */
  void onMessage(StreamMessage message);

  /** A connection opened (the first one or a reconnection); subscriptions are re-sent. */
  default void onConnected() {}

  /**
   * The connection closed ({@code code} from the server's close frame, 1006 when it broke) or a
   * connection attempt failed; a reconnection is scheduled after {@code retryIn} unless the client
   * was closed.
   */
  default void onDisconnected(int code, String reason, java.time.Duration retryIn) {}
}
