package io.hookstream.delivery.internal;

import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * When retries happen. Retry {@code n} (1-based; attempt {@code n + 1}) waits: exponential = {@code
 * intervals[n-1]} with the last interval repeating, linear = {@code intervals[0] * n}, fixed =
 * {@code intervals[0]}. At most {@code maxAttempts} retries follow the first attempt. Stateless.
 */
public final class RetrySchedule {

  /** A receiver's {@code Retry-After} is honoured up to this long. */
  public static final Duration RETRY_AFTER_CAP = Duration.ofHours(24);

  private RetrySchedule() {}

  /** Whether retry {@code n} is allowed by {@code policy}. */
  public static boolean allows(RetryPolicy policy, int n) {
    return n >= 1 && n <= policy(policy).maxAttempts();
  }

  /** The delay before retry {@code n} (1-based). */
  public static Duration delay(RetryPolicy policy, int n) {
    RetryPolicy p = policy(policy);
    List<Integer> intervals =
        p.intervalsSeconds().isEmpty() ? RetryPolicy.DEFAULT_INTERVALS : p.intervalsSeconds();
    long first = intervals.get(0);
    long seconds =
        switch (p.backoff() == null ? "" : p.backoff().toLowerCase(Locale.ROOT)) {
          case "linear" -> first * n;
          case "fixed" -> first;
          default -> intervals.get(Math.min(n, intervals.size()) - 1);
        };
    return Duration.ofSeconds(Math.max(0, seconds));
  }

  /**
   * The delay before retry {@code n} given the receiver's {@code Retry-After}: the larger of the
   * two, with {@code Retry-After} capped at {@link #RETRY_AFTER_CAP}.
   */
  public static Duration delay(RetryPolicy policy, int n, Duration retryAfter) {
    Duration computed = delay(policy, n);
    if (retryAfter == null || retryAfter.isNegative()) {
      return computed;
    }
    Duration capped = retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
    return capped.compareTo(computed) > 0 ? capped : computed;
  }

  /**
   * The retry window: from a task's creation to the time its final retry would be due on the
   * policy's own schedule (the sum of all retry delays). A task still queued behind an open circuit
   * after this goes to the dead letter queue.
   */
  public static Duration window(RetryPolicy policy) {
    RetryPolicy p = policy(policy);
    Duration total = Duration.ZERO;
    for (int n = 1; n <= p.maxAttempts(); n++) {
      total = total.plus(delay(p, n));
    }
    return total;
  }

  private static RetryPolicy policy(RetryPolicy policy) {
    return policy == null ? RetryPolicy.DEFAULT : policy;
  }
}
