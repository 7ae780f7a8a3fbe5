package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * Where events are delivered. {@code configJson} is the provider's configuration as a JSON object
 * (for {@code http}: url, method, headers, timeout); {@code signingJson} is the outbound signing
 * configuration or null. {@code disabledReason} is set when delivery was switched off (for example
 * after a {@code 410 Gone}); a disabled destination keeps accepting work for a later replay.
 */
public record DestinationRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String description,
    String type,
    String configJson,
    String signingJson,
    RetryPolicy retry,
    Delivery delivery,
    String disabledReason,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /**
   * Retries: at most {@code maxAttempts} retries after the first attempt; {@code backoff} is {@code
   * exponential}, {@code linear} or {@code fixed}; {@code intervalsSeconds} the delays.
   */
  public record RetryPolicy(int maxAttempts, String backoff, List<Integer> intervalsSeconds) {
    public static final List<Integer> DEFAULT_INTERVALS = List.of(30, 300, 1800, 7200, 86400);
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, "exponential", DEFAULT_INTERVALS);

    public RetryPolicy {
      intervalsSeconds = List.copyOf(intervalsSeconds);
    }
  }

  /**
   * Flow control: at most {@code maxInFlight} concurrent deliveries; {@code ordered} means one at a
   * time in FIFO order; {@code rateLimitPerSecond} caps deliveries per second (null: none).
   */
  public record Delivery(int maxInFlight, boolean ordered, Double rateLimitPerSecond) {
    public static final Delivery DEFAULT = new Delivery(10, false, null);
  }
}
