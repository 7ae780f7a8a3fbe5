package io.hookstream.servlet.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the WebSocket endpoints. Immutable; build with {@link #builder()}.
 *
 * @param queueCapacity frames a connection may have waiting to be sent before it is closed as too
 *     slow (1008)
 * @param heartbeatInterval how often the server sends {@code {"type":"ping"}}; a connection that
 *     sent nothing (no pong) between two pings is closed (1001)
 * @param sendTimeout how long one frame may take to be written before the connection fails
 * @param maxClientMessageBytes largest text message accepted on the stream and test endpoints
 */
public record WebSocketOptions(
    int queueCapacity,
    Duration heartbeatInterval,
    Duration sendTimeout,
    int maxClientMessageBytes) {

  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CLIENT_MESSAGE_BYTES = 8 * 1024;

  /** The defaults: 1,000 queued frames, a ping every 30 s, 60 s send timeout, 8 KiB messages. */
  public static final WebSocketOptions DEFAULTS = builder().build();

  public WebSocketOptions {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
    }
    positive(heartbeatInterval, "heartbeatInterval");
    positive(sendTimeout, "sendTimeout");
    if (maxClientMessageBytes < 256) {
      throw new IllegalArgumentException("maxClientMessageBytes must be at least 256");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Builds {@link WebSocketOptions}; every value starts at its default. Not thread-safe. */
  public static final class Builder {
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
    private int maxClientMessageBytes = DEFAULT_MAX_CLIENT_MESSAGE_BYTES;

    private Builder() {}

    public Builder queueCapacity(int frames) {
      this.queueCapacity = frames;
      return this;
    }

    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    public Builder sendTimeout(Duration timeout) {
      this.sendTimeout = timeout;
      return this;
    }

    public Builder maxClientMessageBytes(int bytes) {
      this.maxClientMessageBytes = bytes;
      return this;
    }

    public WebSocketOptions build() {
      return new WebSocketOptions(
          queueCapacity, heartbeatInterval, sendTimeout, maxClientMessageBytes);
    }
  }
}
