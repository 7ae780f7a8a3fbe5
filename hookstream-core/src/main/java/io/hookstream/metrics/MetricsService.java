package io.hookstream.metrics;

import io.hookstream.internal.Validation;
import io.hookstream.issue.IssueService;
import io.hookstream.metrics.internal.Buckets;
import io.hookstream.metrics.internal.Cell;
import io.hookstream.metrics.internal.MetricsReader;
import io.hookstream.metrics.internal.RollupJob;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.MetricsRepository.ResourceCounts;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Event volume, delivery outcomes and latency percentiles of an environment, by hour or UTC day
 * ({@code GET /v1/metrics/*}). The last 48 hours are read from raw rows; older buckets from the
 * rollups that the engine's job writes (see {@link #rebuildRollups}). A window spans at most {@link
 * #MAX_HOURLY_WINDOW} by hour and {@link #MAX_DAILY_WINDOW} by day. Thread-safe.
 */
public final class MetricsService {

  public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  public static final Duration MAX_HOURLY_WINDOW = Duration.ofDays(31);
  public static final Duration MAX_DAILY_WINDOW = Duration.ofDays(366);

  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private final Store store;
  private final Clock clock;
  private final IssueService issues;
  private final MetricsReader reader;
  private final RollupJob rollups;

  public MetricsService(Store store, Clock clock, IssueService issues) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issues = Objects.requireNonNull(issues, "issues");
    this.reader = new MetricsReader(store, clock);
    this.rollups = new RollupJob(store, clock);
  }

  /** Events received per source and bucket; 422 naming a bad window. */
  public MetricsSeries<VolumePoint> volume(Scope scope, MetricsQuery query) {
    return series(
        scope,
        query,
        MetricsRollupRecord.SOURCE,
        query.sourceId(),
        id -> store.sources().find(scope, id).map(SourceRecord::name),
        (bucket, id, name, c) -> new VolumePoint(bucket, id, name, c.events()));
  }

  /** Delivery attempts per destination and bucket, by outcome; 422 naming a bad window. */
  public MetricsSeries<DeliveryPoint> deliveries(Scope scope, MetricsQuery query) {
    return destinationSeries(
        scope,
        query,
        (bucket, id, name, c) ->
            new DeliveryPoint(
                bucket, id, name, c.deliveries(), c.successes(), c.failures(), c.averageLatency()));
  }

  /**
   * Latency percentiles per destination and bucket (buckets whose attempts had no latency have no
   * point); 422 naming a bad window.
   */
  public MetricsSeries<LatencyPoint> latency(Scope scope, MetricsQuery query) {
    return destinationSeries(
        scope,
        query,
        (bucket, id, name, c) ->
            c.averageLatency() == null
                ? null
                : new LatencyPoint(
                    bucket,
                    id,
                    name,
                    c.latencyPercentile(50),
                    c.latencyPercentile(95),
                    c.latencyPercentile(99),
                    c.averageLatency()));
  }

  private <T> MetricsSeries<T> destinationSeries(
      Scope scope, MetricsQuery query, PointMaker<T> maker) {
    return series(
        scope,
        query,
        MetricsRollupRecord.DESTINATION,
        query.destinationId(),
        id -> store.destinations().find(scope, id).map(DestinationRecord::name),
        maker);
  }

  /** Makes the point of one id's cell in one bucket, or null for none. */
  private interface PointMaker<T> {
    T make(Instant bucket, String id, String name, Cell cell);
  }

  private <T> MetricsSeries<T> series(
      Scope scope,
      MetricsQuery query,
      String dimension,
      String id,
      Function<String, Optional<String>> findName,
      PointMaker<T> maker) {
    Map<String, Optional<String>> names = new HashMap<>();
    List<T> points = new ArrayList<>();
    read(scope, query, dimension, id)
        .forEach(
            (bucket, cells) ->
                new TreeMap<>(cells)
                    .forEach(
                        (key, cell) -> {
                          String name = names.computeIfAbsent(key, findName).orElse(null);
                          T point = maker.make(bucket, key, name, cell);
                          if (point != null) {
                            points.add(point);
                          }
                        }));
    return new MetricsSeries<>(query.granularity(), points);
  }

  /** Today's and this week's traffic and the environment's live resources. */
  public MetricsOverview overview(Scope scope) {
    Instant now = clock.now();
    Instant today = Buckets.floor(now, Buckets.DAY);
    Instant tomorrow = today.plus(Buckets.DAY);
    Cell week =
        total(
            reader.read(
                scope,
                MetricsRollupRecord.SOURCE,
                null,
                today.minus(Duration.ofDays(6)),
                tomorrow,
                Buckets.DAY));
    Cell eventsToday =
        total(reader.read(scope, MetricsRollupRecord.SOURCE, null, today, tomorrow, Buckets.DAY));
    Cell attempts =
        total(
            reader.read(
                scope, MetricsRollupRecord.DESTINATION, null, today, tomorrow, Buckets.DAY));
    ResourceCounts counts = store.metrics().resourceCounts(scope);
    Double rate =
        attempts.deliveries() == 0
            ? null
            : Math.round(10_000.0 * attempts.successes() / attempts.deliveries()) / 100.0;
    return new MetricsOverview(
        eventsToday.events(),
        week.events(),
        counts.sources(),
        attempts.deliveries(),
        attempts.successes(),
        attempts.failures(),
        rate,
        counts.deadTasks(),
        counts.destinations(),
        issues.summary(scope).open(),
        counts.collections());
  }

  /**
   * Recomputes the hourly and daily rollups already written for {@code [from, to)} from the raw
   * rows still stored, e.g. after importing events with their original times. Idempotent; buckets
   * the rollup job has not reached are left to it.
   */
  public void rebuildRollups(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw HookstreamException.invalid("to", "must be after from (" + from + "), got " + to);
    }
    rollups.rebuild(from, to);
  }

  private SortedMap<Instant, Map<String, Cell>> read(
      Scope scope, MetricsQuery query, String dimension, String id) {
    Duration size = query.granularity().size();
    Validation v = new Validation();
    checkYear(v, "start", query.start());
    checkYear(v, "end", query.end());
    v.throwIfInvalid();
    // By default the window ends with the current bucket, so what just happened is in it.
    Instant end = query.end() != null ? query.end() : Buckets.floor(clock.now(), size).plus(size);
    Instant start = query.start() != null ? query.start() : end.minus(DEFAULT_WINDOW);
    if (!end.isAfter(start)) {
      v.error("end", "must be after start (" + start + "), got " + end);
    }
    Duration max = query.granularity() == Granularity.HOUR ? MAX_HOURLY_WINDOW : MAX_DAILY_WINDOW;
    if (Duration.between(start, end).compareTo(max) > 0) {
      v.error(
          "start",
          "the window may span at most "
              + max.toDays()
              + " days by "
              + query.granularity().wire()
              + ", got "
              + start
              + " to "
              + end);
    }
    v.throwIfInvalid();
    return reader.read(
        scope, dimension, id, Buckets.floor(start, size), Buckets.ceil(end, size), size);
  }

  /** Instants far outside any traffic would overflow the bucket arithmetic. */
  private static void checkYear(Validation v, String field, Instant t) {
    if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
      v.error(field, "must be between " + EARLIEST + " and " + LATEST + ", got " + t);
    }
  }

  private static Cell total(SortedMap<Instant, Map<String, Cell>> cells) {
    Cell sum = new Cell();
    cells.values().forEach(m -> m.values().forEach(sum::merge));
    return sum;
  }
}
