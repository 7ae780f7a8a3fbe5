package io.hookstream.benchmarks.support;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency recorder in nanoseconds (1 ns to 1 hour, 3 significant digits) that reports in
 * milliseconds. Safe for concurrent recording.
 */
public final class Latency {

  private final Histogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toNanos(1), 3);

  public void recordNanos(long nanos) {
    histogram.recordValue(Math.max(1, Math.min(nanos, histogram.getHighestTrackableValue())));
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (0..100) in milliseconds. */
  public double millis(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }

  public double maxMillis() {
    return histogram.getMaxValue() / 1e6;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "n=%d p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms",
        count(),
        millis(50),
        millis(99),
        millis(99.9),
        maxMillis());
  }
}
