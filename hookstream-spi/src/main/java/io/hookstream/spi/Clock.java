package io.hookstream.spi;

import java.time.Instant;

/**
 * The engine's source of time. Retry schedules, circuit cooldowns, dedup windows, TTLs and
 * auto-resolve timers all read it, so a test can replace it with a {@link ManualClock}.
 *
 * <p>Implementations must be safe for concurrent use.
 */
public interface Clock {

  /** Wall-clock time. */
  Instant now();

  /**
   * Monotonic nanoseconds, only for measuring elapsed time (latency); unrelated to {@link #now()}
   * and never to be compared across processes.
   */
  long monotonicNanos();

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
