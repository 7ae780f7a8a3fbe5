package io.hookstream.metrics.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the hourly and daily rollups of every environment. An hour is rolled up once it has been
 * closed for {@link #GRACE} (attempts are stamped when they start and stored when they end); a UTC
 * day once its 24 hours are. Each bucket is an upsert by key and the watermark moves only after it,
 * so a crash between the two, a restart or a second node recomputes the same rows and loses none.
 * Thread-safe.
 */
public final class RollupJob {

  public static final String HOUR_WATERMARK = "metrics.rollups.hour";
  public static final String DAY_WATERMARK = "metrics.rollups.day";

  /** How long after its end an hour is rolled up. */
  public static final Duration GRACE = Duration.ofMinutes(5);

  /** Hours rolled up per run at most, so a long catch-up does not hold the job runner. */
  static final int MAX_HOURS_PER_RUN = 24 * 7;

  private final Store store;
  private final Clock clock;
  private final RawAggregates raw;

  public RollupJob(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.raw = new RawAggregates(store);
  }

  /** Rolls up the closed hours and days past the watermarks; returns how many hours it rolled. */
  public int runOnce() {
    Optional<Instant> mark = store.metrics().watermark(HOUR_WATERMARK);
    Instant from =
        mark.orElseGet(
            () ->
                store
                    .metrics()
                    .oldestEventAt()
                    .map(t -> Buckets.floor(t, Buckets.HOUR))
                    .orElse(null));
    if (from == null) {
      return 0; // nothing stored yet
    }
    Instant closed = Buckets.floor(clock.now().minus(GRACE), Buckets.HOUR);
    List<Scope> scopes = scopes();
    int hours = 0;
    for (Instant h = from;
        !h.plus(Buckets.HOUR).isAfter(closed) && hours < MAX_HOURS_PER_RUN;
        h = h.plus(Buckets.HOUR)) {
      rollHour(scopes, h);
      store.metrics().advanceWatermark(HOUR_WATERMARK, h.plus(Buckets.HOUR));
      hours++;
    }
    Instant hoursDone = store.metrics().watermark(HOUR_WATERMARK).orElse(from);
    Instant day = store.metrics().watermark(DAY_WATERMARK).orElse(Buckets.floor(from, Buckets.DAY));
    for (; !day.plus(Buckets.DAY).isAfter(hoursDone); day = day.plus(Buckets.DAY)) {
      rollDay(scopes, day);
      store.metrics().advanceWatermark(DAY_WATERMARK, day.plus(Buckets.DAY));
    }
    return hours;
  }

  /**
   * Recomputes the rollups already written for {@code [from, to)} from the raw data still stored
   * (after importing events with their original times, say). Buckets past the watermarks are left
   * to {@link #runOnce}.
   */
  public void rebuild(Instant from, Instant to) {
    List<Scope> scopes = scopes();
    Instant hourMark = store.metrics().watermark(HOUR_WATERMARK).orElse(Instant.MIN);
    Instant end = Buckets.min(Buckets.ceil(to, Buckets.HOUR), hourMark);
    for (Instant h = Buckets.floor(from, Buckets.HOUR); h.isBefore(end); h = h.plus(Buckets.HOUR)) {
      rollHour(scopes, h);
    }
    Instant dayMark = store.metrics().watermark(DAY_WATERMARK).orElse(Instant.MIN);
    Instant dayEnd = Buckets.min(Buckets.ceil(to, Buckets.DAY), dayMark);
    for (Instant d = Buckets.floor(from, Buckets.DAY);
        d.isBefore(dayEnd);
        d = d.plus(Buckets.DAY)) {
      rollDay(scopes, d);
    }
  }

  private void rollHour(List<Scope> scopes, Instant hour) {
    Instant end = hour.plus(Buckets.HOUR);
    for (Scope scope : scopes) {
      List<MetricsRollupRecord> rows = new ArrayList<>();
      String granularity = MetricsRollupRecord.HOUR;
      raw.sources(scope, hour, end)
          .getOrDefault(hour, Map.of())
          .forEach(
              (id, c) ->
                  rows.add(c.toRecord(scope, granularity, hour, MetricsRollupRecord.SOURCE, id)));
      raw.destinations(scope, hour, end)
          .getOrDefault(hour, Map.of())
          .forEach(
              (id, c) ->
                  rows.add(
                      c.toRecord(scope, granularity, hour, MetricsRollupRecord.DESTINATION, id)));
      store.metrics().upsert(rows);
    }
  }

  /** A day's rows: its hourly rows merged per source and destination. */
  private void rollDay(List<Scope> scopes, Instant day) {
    for (Scope scope : scopes) {
      Map<List<String>, Cell> cells = new LinkedHashMap<>();
      for (MetricsRollupRecord r :
          store.metrics().rollups(scope, MetricsRollupRecord.HOUR, day, day.plus(Buckets.DAY))) {
        cells.merge(List.of(r.dimension(), r.dimensionId()), Cell.of(r), Cell::merge);
      }
      List<MetricsRollupRecord> rows = new ArrayList<>();
      cells.forEach(
          (k, c) -> rows.add(c.toRecord(scope, MetricsRollupRecord.DAY, day, k.get(0), k.get(1))));
      store.metrics().upsert(rows);
    }
  }

  private List<Scope> scopes() {
    List<Scope> scopes = new ArrayList<>();
    for (Organization org : store.organizations().list()) {
      store.organizations().listEnvironments(org.id()).forEach(e -> scopes.add(e.scope()));
    }
    return scopes;
  }
}
