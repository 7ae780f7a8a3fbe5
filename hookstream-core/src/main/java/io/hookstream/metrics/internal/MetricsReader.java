package io.hookstream.metrics.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads one dimension's cells for a window, bucket by bucket. Buckets older than {@link
 * #RAW_WINDOW} come from the rollups (daily rows for whole days, hourly rows for the rest); newer
 * ones, and any the rollup job has not reached yet, from the raw rows. A window across the boundary
 * is split at it. Thread-safe.
 */
public final class MetricsReader {

  /** How far back queries read raw data, as the hosted service does. */
  public static final Duration RAW_WINDOW = Duration.ofHours(48);

  private final Store store;
  private final Clock clock;
  private final RawAggregates raw;

  public MetricsReader(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.raw = new RawAggregates(store);
  }

  /**
   * The cells of {@code dimension} ({@code source} or {@code destination}, only {@code id} when not
   * null) in {@code [start, end)}, both aligned to {@code size}: bucket start to id to cell.
   */
  public SortedMap<Instant, Map<String, Cell>> read(
      Scope scope, String dimension, String id, Instant start, Instant end, Duration size) {
    SortedMap<Instant, Map<String, Cell>> out = new TreeMap<>();
    Instant split = split(start, end);
    if (size.equals(Buckets.DAY)) {
      Instant dayMark = store.metrics().watermark(RollupJob.DAY_WATERMARK).orElse(start);
      Instant daily = clamp(Buckets.min(Buckets.floor(split, Buckets.DAY), dayMark), start, split);
      addRollups(out, scope, MetricsRollupRecord.DAY, dimension, id, start, daily, size);
      addRollups(out, scope, MetricsRollupRecord.HOUR, dimension, id, daily, split, size);
    } else {
      addRollups(out, scope, MetricsRollupRecord.HOUR, dimension, id, start, split, size);
    }
    if (split.isBefore(end)) {
      Map<Instant, Map<String, Cell>> hours =
          dimension.equals(MetricsRollupRecord.SOURCE)
              ? raw.sources(scope, split, end)
              : raw.destinations(scope, split, end);
      hours.forEach(
          (hour, cells) -> cells.forEach((k, c) -> add(out, Buckets.floor(hour, size), id, k, c)));
    }
    return out;
  }

  /** Where the rollups end and raw reads begin: 48 h ago, or the watermark if it is behind. */
  private Instant split(Instant start, Instant end) {
    Instant boundary = Buckets.floor(clock.now().minus(RAW_WINDOW), Buckets.HOUR);
    Instant rolled = store.metrics().watermark(RollupJob.HOUR_WATERMARK).orElse(start);
    return clamp(Buckets.min(boundary, rolled), start, end);
  }

  private void addRollups(
      SortedMap<Instant, Map<String, Cell>> out,
      Scope scope,
      String granularity,
      String dimension,
      String id,
      Instant from,
      Instant to,
      Duration size) {
    if (!from.isBefore(to)) {
      return;
    }
    for (MetricsRollupRecord r : store.metrics().rollups(scope, granularity, from, to)) {
      if (r.dimension().equals(dimension)) {
        add(out, Buckets.floor(r.bucketStart(), size), id, r.dimensionId(), Cell.of(r));
      }
    }
  }

  private static void add(
      SortedMap<Instant, Map<String, Cell>> out, Instant bucket, String id, String key, Cell c) {
    if (id == null || id.equals(key)) {
      out.computeIfAbsent(bucket, b -> new HashMap<>()).merge(key, c, Cell::merge);
    }
  }

  private static Instant clamp(Instant t, Instant low, Instant high) {
    return Buckets.max(low, Buckets.min(t, high));
  }
}
