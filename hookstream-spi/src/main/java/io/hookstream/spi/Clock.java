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

  /**
   * Whether time passes by itself, as on the system clock. A clock that moves only when told
   * ({@link ManualClock}) says false: the engine then runs its background jobs only when a test
   * asks ({@code Hookstream.runDueJobs()}), so nothing happens between two steps of a test.
   */
  default boolean movesByItself() {
    return true;
  }

  /**
   * Registers a listener called after every move of a clock that moves when told, so a waiting
   * scheduler looks at the new time at once. A clock that moves by itself never calls it.
   */
  default void onAdvance(Runnable listener) {}

  /** Removes a listener added with {@link #onAdvance}. */
  default void removeListener(Runnable listener) {}

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
