package io.hookstream.metrics.internal;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A mergeable latency distribution in milliseconds: an HdrHistogram with three significant digits,
 * so a percentile is exact below 2048 ms and within 0.1% of the true value above. Merging adds
 * bucket counts, so the sketch of a day merged from its hours equals the sketch built from the
 * day's raw latencies. Not thread-safe.
 */
public final class LatencySketch {

  /** Relative accuracy of a reported percentile, for latencies of 2048 ms and more. */
  public static final double RELATIVE_ACCURACY = 0.001;

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram histogram;

  public LatencySketch() {
    this(new Histogram(SIGNIFICANT_DIGITS));
  }

  private LatencySketch(Histogram histogram) {
    histogram.setAutoResize(true);
    this.histogram = histogram;
  }

  /** Reads a sketch written by {@link #toBytes}. */
  public static LatencySketch fromBytes(byte[] bytes) {
    try {
      return new LatencySketch(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
    } catch (DataFormatException e) {
      throw new IllegalStateException("unreadable latency sketch in a metrics rollup", e);
    }
  }

  /** Records one latency; a negative one (a clock step) counts as zero. */
  public void record(long millis) {
    histogram.recordValue(Math.max(0, millis));
  }

  public void merge(LatencySketch other) {
    histogram.add(other.histogram);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The latency that {@code percentile}% of the recorded ones are at or below. */
  public long percentile(double percentile) {
    return histogram.getValueAtPercentile(percentile);
  }

  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.rewind();
    buffer.get(bytes);
    return bytes;
  }
}
