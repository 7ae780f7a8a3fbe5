package io.hookstream.spi.store;

/**
 * Delivery attempts of a time window: how many, how many failed, how many sent their task to the
 * dead letter queue.
 */
public record WindowStats(long attempts, long failures, long deadLettered) {

  public static final WindowStats EMPTY = new WindowStats(0, 0, 0);

  /** Failures over attempts, 0 when there were none. */
  public double failureRatio() {
    return attempts == 0 ? 0 : (double) failures / attempts;
  }
}
