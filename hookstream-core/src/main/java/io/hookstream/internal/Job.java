package io.hookstream.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * A background job of the engine: a name for logs, how often it runs in engine-clock time, and what
 * it does. It first runs one interval after the engine is built, or at once when {@code atStart} (a
 * heartbeat must not wait five seconds to say the node is alive).
 */
public record Job(String name, Duration interval, boolean atStart, Runnable task) {

  public Job {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "interval of job " + name + " must be positive: " + interval);
    }
  }

  /** A job first due one interval from now. */
  public static Job every(String name, Duration interval, Runnable task) {
    return new Job(name, interval, false, task);
  }

  /** A job due at once, then every interval. */
  public static Job atStartAndEvery(String name, Duration interval, Runnable task) {
    return new Job(name, interval, true, task);
  }
}
