package io.hookstream.metrics.internal;

import io.hookstream.spi.store.MetricsRepository.AttemptSample;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import java.time.Instant;

/**
 * The traffic of one source or destination in one bucket, while it is being summed: events,
 * attempts by outcome, and their latencies. Built from raw rows or from rollup rows, merged, and
 * turned back into a rollup row. Not thread-safe.
 */
public final class Cell {

  private long events;
  private long deliveries;
  private long successes;
  private long failures;
  private long latencyCount;
  private long latencySum;
  private LatencySketch sketch;

  public static Cell ofEvents(long count) {
    Cell c = new Cell();
    c.events = count;
    return c;
  }

  public static Cell of(MetricsRollupRecord row) {
    Cell c = new Cell();
    c.events = row.eventCount();
    c.deliveries = row.deliveryCount();
    c.successes = row.successCount();
    c.failures = row.failedCount();
    c.latencyCount = row.latencyCount();
    c.latencySum = row.latencySumMs();
    c.sketch = row.latencySketch() == null ? null : LatencySketch.fromBytes(row.latencySketch());
    return c;
  }

  public void add(AttemptSample attempt) {
    deliveries++;
    if (attempt.success()) {
      successes++;
    } else {
      failures++;
    }
    if (attempt.latencyMs() != null) {
      latencyCount++;
      latencySum += attempt.latencyMs();
      if (sketch == null) {
        sketch = new LatencySketch();
      }
      sketch.record(attempt.latencyMs());
    }
  }

  public Cell merge(Cell other) {
    events += other.events;
    deliveries += other.deliveries;
    successes += other.successes;
    failures += other.failures;
    latencyCount += other.latencyCount;
    latencySum += other.latencySum;
    if (other.sketch != null) {
      if (sketch == null) {
        sketch = new LatencySketch();
      }
      sketch.merge(other.sketch);
    }
    return this;
  }

  public MetricsRollupRecord toRecord(
      Scope scope, String granularity, Instant bucket, String dimension, String id) {
    return new MetricsRollupRecord(
        scope.orgId(),
        scope.envId(),
        granularity,
        bucket,
        dimension,
        id,
        events,
        deliveries,
        successes,
        failures,
        latencyCount,
        latencySum,
        sketch == null ? null : sketch.toBytes());
  }

  public long events() {
    return events;
  }

  public long deliveries() {
    return deliveries;
  }

  public long successes() {
    return successes;
  }

  public long failures() {
    return failures;
  }

  /** The mean latency rounded to a millisecond, or null if no attempt had one. */
  public Long averageLatency() {
    return latencyCount == 0 ? null : Math.round((double) latencySum / latencyCount);
  }

  /** A percentile of the latencies (see {@link LatencySketch}), or null if there were none. */
  public Long latencyPercentile(double percentile) {
    return sketch == null ? null : sketch.percentile(percentile);
  }
}
