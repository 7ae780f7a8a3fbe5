package io.hookstream.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told to: tests advance it by 24 hours and watch five retries happen,
 * without sleeping. Listeners registered with {@link #onAdvance} are called after each move, so a
 * scheduler can wake up at once instead of polling.
 *
 * <p>Safe for concurrent use. Time never moves backwards: {@link #set} to an earlier instant
 * throws.
 */
public final class ManualClock implements Clock {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private Instant now;
  private long nanos;

  /** A clock at {@code start}. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** A clock at 2026-01-01T00:00:00Z, a fixed point so tests are repeatable. */
  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized long monotonicNanos() {
    return nanos;
  }

  /** Moves the clock forward by {@code duration} and notifies listeners. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
    }
    synchronized (this) {
      now = now.plus(duration);
      nanos += duration.toNanos();
    }
    listeners.forEach(Runnable::run);
  }

  /** Moves the clock forward to {@code instant} and notifies listeners. */
  public void set(Instant instant) {
    Duration delta;
    synchronized (this) {
      delta = Duration.between(now, instant);
    }
    advance(delta);
  }

  /** False: this clock moves only when told. */
  @Override
  public boolean movesByItself() {
    return false;
  }

  /** Registers a listener called after every move of the clock, on the mover's thread. */
  @Override
  public void onAdvance(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #onAdvance}. */
  @Override
  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }
}
