package io.hookstream.spi;

import java.util.function.Consumer;

/**
 * Broadcast messages between engine instances: what one node publishes, every node (itself
 * included) receives, so a WebSocket subscriber on node A sees events ingested on node B. Delivery
 * is best effort and at most once; the bus is for live streaming, never for data that must not be
 * lost.
 *
 * <p>Implementations must be safe for concurrent use. {@link #publish} must not block on slow
 * subscribers; listeners are called on the bus's own threads and must return quickly.
 */
public interface ChannelBus extends AutoCloseable {

  /** Sends {@code message} to every subscriber on every node. */
  void publish(BusMessage message);

  /** Registers {@code listener}; closing the returned handle unsubscribes. */
  AutoCloseable subscribe(Consumer<BusMessage> listener);

  /** Releases the bus's resources; no-op by default. */
  @Override
  default void close() {}

  /**
   * One broadcast: the org it belongs to, the channel (for example {@code events:src_...}), the
   * message type ({@code event}, {@code delivery}, {@code issue}, ...) and the JSON payload.
   */
  record BusMessage(String orgId, String channel, String type, String json) {}
}
