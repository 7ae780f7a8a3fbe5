package io.hookstream.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per destination, refilled off the engine clock: {@code rate} tokens per second,
 * holding at most {@code max(1, rate)}. Per engine instance (not shared between nodes). Guarded by
 * the caller (the claimer's lock). Not the API's request limiter (servlet ApiRateLimiter): that one
 * counts fixed windows shared by every node in the key-value store, as the rate-limit headers
 * describe; this one smooths one node's deliveries and costs no store round trip.
 */
final class DeliveryTokenBuckets {

  private static final class Bucket {
    double tokens;
    Instant refilledAt;
  }

  private final Map<String, Bucket> buckets = new HashMap<>();

  /**
   * Whole tokens available now for {@code destinationId} limited to {@code rate}/s (null: no
   * limit).
   */
  int available(String destinationId, Double rate, Instant now) {
    if (rate == null || rate <= 0) {
      buckets.remove(destinationId);
      return Integer.MAX_VALUE;
    }
    double capacity = Math.max(1, rate);
    Bucket b =
        buckets.computeIfAbsent(
            destinationId,
            id -> {
              Bucket fresh = new Bucket();
              fresh.tokens = capacity;
              fresh.refilledAt = now;
              return fresh;
            });
    if (now.isAfter(b.refilledAt)) {
      double seconds = Duration.between(b.refilledAt, now).toNanos() / 1e9;
      b.tokens = Math.min(capacity, b.tokens + seconds * rate);
      b.refilledAt = now;
    }
    return (int) Math.floor(b.tokens + 1e-9);
  }

  /** Spends {@code n} tokens (after {@link #available} allowed them). */
  void take(String destinationId, int n) {
    Bucket b = buckets.get(destinationId);
    if (b != null) {
      b.tokens -= n;
    }
  }
}
