package io.hookstream.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived keyed state with expiry: dedup windows, rate-limit counters, job progress. Expiry
 * follows the engine's {@link Clock}; an expired key reads as absent.
 *
 * <p>Implementations must be safe for concurrent use, and {@link #putIfAbsent} and {@link
 * #increment} must be atomic across every engine sharing the store: two callers racing on the same
 * key see exactly one winner. A failure to reach the backing store throws {@link
 * HookstreamException} with {@link ErrorCode#UNAVAILABLE}.
 */
public interface KeyValueStore {

  /** The live value of {@code key}, or empty if absent or expired. */
  Optional<String> get(String key);

  /** Sets {@code key} to {@code value}, replacing any value, expiring after {@code ttl}. */
  void put(String key, String value, Duration ttl);

  /**
   * Sets {@code key} only if it is absent or expired.
   *
   * @return empty if this call stored the value; otherwise the value already live
   */
  Optional<String> putIfAbsent(String key, String value, Duration ttl);

  /**
   * Adds {@code delta} to the counter at {@code key} and returns the new value. A missing or
   * expired counter starts at zero and gets {@code ttl}; a live one keeps its original expiry (a
   * fixed window, as rate limits need).
   */
  long increment(String key, long delta, Duration ttl);

  /** Remaining time to live of {@code key}, or empty if absent or expired. */
  Optional<Duration> ttl(String key);

  /** Removes {@code key}; returns whether a live value was removed. */
  boolean delete(String key);

  /**
   * Deletes up to {@code limit} expired entries and returns how many. Stores that drop expired
   * entries by themselves (like the in-memory one) need not override this no-op.
   */
  default int purgeExpired(int limit) {
    return 0;
  }
}
