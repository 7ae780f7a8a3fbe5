package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.MetricsRepository.AttemptSample;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metrics storage: the raw reads the engine aggregates (events per source, attempts in a window),
 * the overview's resource counts, rollup rows replaced by key (recomputing a bucket writes the same
 * row, never a second one) and watermarks that only move forward, also when nodes race.
 */
abstract class MetricsContract extends RepositoryContract {

  private static final Instant HOUR = Instant.parse("2026-01-01T10:00:00Z");

  MetricsContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void countsTheScopesEventsPerHourAndSourceWithinTheHalfOpenWindow() {
    Route a = route(scope);
    Route b = route(scope);
    event(a, HOUR);
    event(a, HOUR.plusSeconds(3599));
    event(b, HOUR.plusSeconds(60));
    event(a, HOUR.plusSeconds(3600)); // the next hour
    event(a, HOUR.minusMillis(1)); // the hour before
    event(route(other), HOUR.plusSeconds(5));

    assertThat(store.metrics().countEventsByHour(scope, HOUR, HOUR.plusSeconds(3600)))
        .isEqualTo(Map.of(HOUR, Map.of(a.sourceId(), 2L, b.sourceId(), 1L)));
    assertThat(store.metrics().countEventsByHour(scope, HOUR.minusSeconds(3600), NEVER))
        .isEqualTo(
            Map.of(
                HOUR.minusSeconds(3600),
                Map.of(a.sourceId(), 1L),
                HOUR,
                Map.of(a.sourceId(), 2L, b.sourceId(), 1L),
                HOUR.plusSeconds(3600),
                Map.of(a.sourceId(), 1L)));
    assertThat(store.metrics().countEventsByHour(scope, HOUR.plusSeconds(7200), NEVER)).isEmpty();
  }

  @Test
  void streamsTheScopesAttemptsWithinTheWindowWithOutcomeAndLatency() {
    Route r = route(scope);
    attempt(r, "success", 40L, HOUR);
    attempt(r, "failed", 900L, HOUR.plusSeconds(10));
    attempt(r, "failed", null, HOUR.plusSeconds(20));
    attempt(r, "success", 5L, HOUR.plusSeconds(3600)); // outside
    attempt(route(other), "success", 7L, HOUR.plusSeconds(30));

    List<AttemptSample> seen = new ArrayList<>();
    store.metrics().forEachAttempt(scope, HOUR, HOUR.plusSeconds(3600), seen::add);

    assertThat(seen)
        .containsExactlyInAnyOrder(
            new AttemptSample(r.destinationId(), true, 40L, HOUR),
            new AttemptSample(r.destinationId(), false, 900L, HOUR.plusSeconds(10)),
            new AttemptSample(r.destinationId(), false, null, HOUR.plusSeconds(20)));
  }

  @Test
  void countsLiveSourcesAndDestinationsAndDeadTasks() {
    Route kept = route(scope);
    Route dropped = route(scope);
    store.sources().delete(scope, dropped.sourceId(), clock.now());
    store.destinations().delete(scope, dropped.destinationId(), clock.now());
    attempt(kept, "failed", 10L, HOUR, TaskStatus.DEAD);
    attempt(kept, "failed", 10L, HOUR, TaskStatus.PENDING);
    store
        .collections()
        .insert(
            new CollectionRecord(
                "col_counted",
                scope.orgId(),
                scope.envId(),
                "Orders",
                "orders",
                kept.sourceId(),
                "data.id",
                null,
                null,
                0,
                1,
                clock.now(),
                clock.now()));

    var counts = store.metrics().resourceCounts(scope);

    assertThat(counts.sources()).isEqualTo(1);
    assertThat(counts.destinations()).isEqualTo(1);
    assertThat(counts.deadTasks()).isEqualTo(1);
    assertThat(counts.collections()).isEqualTo(1);
    assertThat(store.metrics().resourceCounts(other).sources()).isZero();
  }

  @Test
  void oldestEventAtIsNoLaterThanAnyStoredEvent() {
    event(route(scope), HOUR);

    assertThat(store.metrics().oldestEventAt()).isPresent();
    assertThat(store.metrics().oldestEventAt().orElseThrow()).isBeforeOrEqualTo(HOUR);
  }

  @Test
  void upsertReplacesTheRowWithTheSameKeyAndReadsTheWindowInOrder() {
    MetricsRollupRecord dst = row(scope, "hour", HOUR, "destination", "dst_b", 3, new byte[] {1});
    MetricsRollupRecord src = row(scope, "hour", HOUR, "source", "src_a", 5, null);
    MetricsRollupRecord later =
        row(scope, "hour", HOUR.plusSeconds(3600), "source", "src_a", 1, null);
    MetricsRollupRecord day = row(scope, "day", HOUR, "source", "src_a", 6, null);
    store.metrics().upsert(List.of(later, dst, src, day));
    store.metrics().upsert(List.of(src, dst)); // a recomputed bucket: same rows again
    store.metrics().upsert(List.of(row(other, "hour", HOUR, "source", "src_a", 9, null)));

    assertThat(store.metrics().rollups(scope, "hour", HOUR, HOUR.plusSeconds(7200)))
        .containsExactly(dst, src, later);
    assertThat(store.metrics().rollups(scope, "hour", HOUR, HOUR.plusSeconds(3600)))
        .containsExactly(dst, src);
    assertThat(store.metrics().rollups(scope, "day", HOUR, HOUR.plusSeconds(1)))
        .containsExactly(day);

    MetricsRollupRecord corrected =
        row(scope, "hour", HOUR, "destination", "dst_b", 4, new byte[] {2, 3});
    store.metrics().upsert(List.of(corrected));
    List<MetricsRollupRecord> read =
        store.metrics().rollups(scope, "hour", HOUR, HOUR.plusSeconds(3600));
    assertThat(read).containsExactly(corrected, src);
    assertThat(read.get(0).latencySketch()).containsExactly(2, 3);
  }

  @Test
  void aWatermarkOnlyMovesForward() {
    String name = ids.next("watermark");
    assertThat(store.metrics().watermark(name)).isEmpty();

    store.metrics().advanceWatermark(name, HOUR);
    store.metrics().advanceWatermark(name, HOUR.minusSeconds(3600));
    assertThat(store.metrics().watermark(name)).contains(HOUR);

    store.metrics().advanceWatermark(name, HOUR.plusSeconds(3600));
    assertThat(store.metrics().watermark(name)).contains(HOUR.plusSeconds(3600));
    assertThat(store.metrics().watermark(ids.next("watermark"))).isEmpty();
  }

  @Test
  void nodesRacingToAdvanceAWatermarkLeaveTheFurthest() throws Exception {
    String name = ids.next("watermark");
    int threads = 8;

    Concurrently.run(
        threads,
        i ->
            () -> {
              store.metrics().advanceWatermark(name, HOUR.plus(Duration.ofHours(i)));
              return null;
            });

    assertThat(store.metrics().watermark(name)).contains(HOUR.plus(Duration.ofHours(threads - 1)));
  }

  private MetricsRollupRecord row(
      Scope s, String granularity, Instant bucket, String dim, String id, long n, byte[] sketch) {
    boolean source = dim.equals("source");
    return new MetricsRollupRecord(
        s.orgId(),
        s.envId(),
        granularity,
        bucket,
        dim,
        id,
        source ? n : 0,
        source ? 0 : n,
        source ? 0 : n - 1,
        source ? 0 : 1,
        source ? 0 : n,
        source ? 0 : 10 * n,
        sketch);
  }

  private void attempt(Route r, String status, Long latencyMs, Instant at) {
    attempt(r, status, latencyMs, at, TaskStatus.SUCCEEDED);
  }

  /** One attempt at {@code at}, settling a new task of an event of {@code r} into {@code then}. */
  private void attempt(Route r, String status, Long latencyMs, Instant at, TaskStatus then) {
    EventRecord e = event(r, at);
    DeliveryTask task = fx.task(r, e.id(), NEVER, at);
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask leased = task.claimed("metrics", NEVER, at);
    assertThat(store.deliveries().update(leased)).isTrue();
    AttemptRecord timed = fx.attempt(leased, 1, status, then == TaskStatus.DEAD, at, latencyMs);
    assertThat(store.deliveries().settle("metrics", leased.settled(then, 1, NEVER, at), timed))
        .isTrue();
  }
}
