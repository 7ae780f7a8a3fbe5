package io.hookstream.servlet.internal;

import io.hookstream.servlet.RateLimit;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed-window counters in the engine's {@link KeyValueStore}: one atomic {@code increment} per
 * request on a key named after the window's start, so every node sharing the store counts together.
 * If the store is unreachable the request is let through (logged): rate limiting protects the
 * service, it must not take it down. Thread-safe.
 */
final class ApiRateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRateLimiter.class);

  /** The outcome for one request: the header values and whether it is over the limit. */
  record Decision(
      int limit, long remaining, long resetEpochSeconds, long retryAfterSeconds, boolean allowed) {}

  private final KeyValueStore kv;
  private final Clock clock;

  ApiRateLimiter(KeyValueStore kv, Clock clock) {
    this.kv = kv;
    this.clock = clock;
  }

  Decision hit(String bucket, RateLimit limit) {
    long now = clock.now().toEpochMilli();
    long window = limit.window().toMillis();
    long start = now - Math.floorMod(now, window);
    long resetMillis = start + window;
    long count;
    try {
      count = kv.increment("hookstream:ratelimit:" + bucket + ":" + start, 1, limit.window());
    } catch (HookstreamException e) {
      LOG.warn("rate limit store unavailable; letting the request through: {}", e.getMessage());
      count = 0;
    }
    long remaining = Math.max(0, limit.requests() - count);
    long retryAfter = Math.max(1, (resetMillis - now + 999) / 1000);
    return new Decision(
        limit.requests(),
        remaining,
        (resetMillis + 999) / 1000,
        retryAfter,
        count <= limit.requests());
  }
}
