package io.hookstream.benchmarks.support;

import java.util.Arrays;

/**
 * Times one operation many times on the calling thread, after a warm-up, and keeps every sample, so
 * that the median and the tail can be reported. Not thread-safe.
 */
public final class Timer {

  private Timer() {}

  /** At least this many samples are taken, whatever the time budget. */
  public static final int MIN_RUNS = 20;

  /**
   * The sorted samples of {@code runs} timed calls, in microseconds; fewer (but at least {@link
   * #MIN_RUNS}) when warm-up and samples together pass {@code budgetNanos}, so that a pathological
   * query cannot stall a run.
   */
  public static double[] micros(int warmup, int runs, long budgetNanos, Op op) throws Exception {
    long deadline = System.nanoTime() + budgetNanos;
    int i = 0;
    for (; i < warmup && System.nanoTime() < deadline; i++) {
      op.run(i);
    }
    double[] samples = new double[runs];
    int n = 0;
    while (n < runs && (n < MIN_RUNS || System.nanoTime() < deadline)) {
      long t0 = System.nanoTime();
      op.run(i++);
      samples[n++] = (System.nanoTime() - t0) / 1e3;
    }
    double[] taken = Arrays.copyOf(samples, n);
    Arrays.sort(taken);
    return taken;
  }

  /** The value at {@code percentile} (0..100) of sorted samples. */
  public static double percentile(double[] sorted, double percentile) {
    int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** One timed call; {@code i} counts calls from 0 so that each can vary its input. */
  @FunctionalInterface
  public interface Op {
    void run(int i) throws Exception;
  }
}
