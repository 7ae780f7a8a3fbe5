package io.hookstream.delivery.internal;

import java.util.concurrent.TimeUnit;

/**
 * One destination's concurrency limit on this node, additive increase and multiplicative decrease
 * (in the spirit of Netflix's concurrency-limits AIMD): it starts at {@value #INITIAL} (or the
 * cap), grows by one after a window of {@code limit} successes sent at this limit while their mean
 * latency stays within {@value #TOLERANCE}x the best recent latency (+10 ms), shrinks by a tenth
 * when the mean is slower than that, and halves on an overload (never below 1, never above the
 * cap). Times are {@code Clock.monotonicNanos()}. Thread-safe.
 */
final class AdaptiveLimit {

  static final int INITIAL = 10;

  /** A window's mean latency above this multiple of the best recent one means a queue builds. */
  static final double TOLERANCE = 2.0;

  /**
   * Below 10 ms, latency differences are the sender's own scheduling, GC and database commits on a
   * busy node, not a queue at the receiver; a tighter slack shrank the limit of a fast receiver.
   */
  static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** The best latency is kept for one to two periods, so a receiver that got slower is relearnt. */
  static final long BASELINE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);

  private int cap;
  private int limit;

  /** Moves at every change of the limit; a delivery carries the value it started under. */
  private long changes;

  /** {@link #changes} at the last overload decrease: overloads started before it are not new. */
  private long lastDecrease;

  private int samples;
  private long latencySum;
  private int peakInUse;

  private long bestThisPeriod = Long.MAX_VALUE;
  private long bestLastPeriod = Long.MAX_VALUE;
  private long periodStart;
  private long lastTouched;

  AdaptiveLimit(int cap, long nowNanos) {
    this.cap = Math.max(1, cap);
    this.limit = Math.min(this.cap, INITIAL);
    this.periodStart = nowNanos;
    this.lastTouched = nowNanos;
  }

  /** The limit under {@code cap} (the destination's max in flight may have changed). */
  synchronized int limit(int cap, long nowNanos) {
    this.cap = Math.max(1, cap);
    if (limit > this.cap) {
      change(this.cap);
    }
    lastTouched = nowNanos;
    return limit;
  }

  /** The limit under {@code cap}, changing nothing (for the operator's view). */
  synchronized int peek(int cap) {
    return Math.min(limit, Math.max(1, cap));
  }

  /** The value a delivery starting now carries to {@link #record}. */
  synchronized long token() {
    return changes;
  }

  /** This node holds {@code n} tasks of the destination: the limit is in use, growth is tested. */
  synchronized void inUse(int n) {
    peakInUse = Math.max(peakInUse, n);
  }

  /**
   * The outcome of a delivery that started under {@code token} and took {@code latencyNanos};
   * returns the limit after it.
   */
  synchronized int record(long token, LoadSignal signal, long latencyNanos, long nowNanos) {
    lastTouched = nowNanos;
    switch (signal) {
      case OVERLOAD -> {
        // One cut per cohort: deliveries sent before the last cut do not cut again.
        if (token >= lastDecrease) {
          change(Math.max(1, limit / 2));
          lastDecrease = changes;
        }
      }
      case SUCCESS -> success(token, latencyNanos, nowNanos);
      case NEUTRAL -> {}
    }
    return limit;
  }

  synchronized boolean idleSince(long nanos) {
    return lastTouched < nanos;
  }

  private void success(long token, long latencyNanos, long nowNanos) {
    if (nowNanos - periodStart >= BASELINE_PERIOD_NANOS) {
      bestLastPeriod = bestThisPeriod;
      bestThisPeriod = Long.MAX_VALUE;
      periodStart = nowNanos;
    }
    bestThisPeriod = Math.min(bestThisPeriod, latencyNanos);
    if (token != changes) {
      return; // sent under an earlier limit
    }
    samples++;
    latencySum += latencyNanos;
    if (samples < limit) {
      return;
    }
    long best = Math.min(bestThisPeriod, bestLastPeriod);
    long mean = latencySum / samples;
    if (mean > TOLERANCE * best + SLACK_NANOS) {
      change(Math.max(1, limit - Math.max(1, limit / 10)));
    } else if (limit < cap && 2 * peakInUse >= limit) {
      change(limit + 1);
    } else {
      resetWindow();
    }
  }

  private void change(int to) {
    limit = to;
    changes++;
    resetWindow();
  }

  private void resetWindow() {
    samples = 0;
    latencySum = 0;
    peakInUse = 0;
  }
}
