package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One closed bucket of one source's or one destination's traffic in one environment: an hour or a
 * UTC day starting at {@code bucketStart}. A {@code source} row counts received events; a {@code
 * destination} row counts delivery attempts by outcome and carries their latencies as a sum and a
 * mergeable sketch serialized by the engine ({@code latencySketch}, opaque to stores, null when no
 * attempt had a latency). Stores key rows by {@link #key()}: writing the same key again replaces
 * the row.
 */
public record MetricsRollupRecord(
    String orgId,
    String envId,
    String granularity,
    Instant bucketStart,
    String dimension,
    String dimensionId,
    long eventCount,
    long deliveryCount,
    long successCount,
    long failedCount,
    long latencyCount,
    long latencySumMs,
    byte[] latencySketch) {

  public static final String HOUR = "hour";
  public static final String DAY = "day";
  public static final String SOURCE = "source";
  public static final String DESTINATION = "destination";

  public MetricsRollupRecord {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(bucketStart, "bucketStart");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(dimensionId, "dimensionId");
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** The row's identity: scope, granularity, bucket start, dimension and its id. */
  public String key() {
    return String.join(
        "|",
        orgId,
        envId,
        granularity,
        Long.toString(bucketStart.getEpochSecond()),
        dimension,
        dimensionId);
  }

  /** Equal when every field is, the sketch compared by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsRollupRecord r
        && key().equals(r.key())
        && eventCount == r.eventCount
        && deliveryCount == r.deliveryCount
        && successCount == r.successCount
        && failedCount == r.failedCount
        && latencyCount == r.latencyCount
        && latencySumMs == r.latencySumMs
        && Arrays.equals(latencySketch, r.latencySketch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key(), eventCount, deliveryCount, latencySumMs);
  }

  @Override
  public String toString() {
    return "MetricsRollupRecord["
        + key()
        + " events="
        + eventCount
        + " deliveries="
        + deliveryCount
        + " success="
        + successCount
        + " failed="
        + failedCount
        + " latencies="
        + latencyCount
        + " sum="
        + latencySumMs
        + " sketch="
        + (latencySketch == null ? "none" : latencySketch.length + " bytes")
        + "]";
  }
}
