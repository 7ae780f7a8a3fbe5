package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.internal.EngineJobs;
import io.hookstream.metrics.DeliveryPoint;
import io.hookstream.metrics.Granularity;
import io.hookstream.metrics.LatencyPoint;
import io.hookstream.metrics.MetricsQuery;
import io.hookstream.metrics.MetricsSeries;
import io.hookstream.metrics.VolumePoint;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.MetricsRepository;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics read raw within 48 hours and from rollups beyond: the same window asked before the
 * rollups exist, across the 48 h boundary (half rollups, half raw) and after retention purged every
 * raw row (rollups only) gives the same counts and the same percentiles, and the percentiles are
 * those of the raw latencies within the sketch's accuracy (exact below 2048 ms, 0.1% above).
 */
class MetricsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final ScriptedProvider provider = new ScriptedProvider();
  private final Hookstream hs =
      TestEngine.builder(store, clock)
          .provider(provider)
          .retention(Duration.ofHours(1), false)
          .build();

  @AfterEach
  void close() {
    hs.close();
  }

  @Test
  void theSameWindowGivesTheSameAnswerRawAcrossTheBoundaryAndFromRollupsAlone() {
    var org = hs.organizations().create("Acme");
    Scope scope = hs.organizations().createEnvironment(org.id(), "production", 2).scope();
    String shop = source(scope, "shop");
    String billing = source(scope, "billing");
    String orders = destination(scope, "orders");
    connect(scope, shop, orders);
    connect(scope, billing, orders);
    // Six hours of traffic, the volume growing by the hour; every tenth delivery fails for good.
    for (int hour = 0; hour < 6; hour++) {
      clock.set(T0.plus(Duration.ofHours(hour)).plusSeconds(90));
      send(scope, shop, 10 + 5 * hour);
      clock.advance(Duration.ofMinutes(20));
      send(scope, billing, 3);
    }
    clock.set(T0.plus(Duration.ofHours(6)));
    MetricsQuery hourly =
        MetricsQuery.builder().start(T0).end(T0.plus(Duration.ofHours(6))).build();
    MetricsQuery daily =
        MetricsQuery.builder()
            .start(T0)
            .end(T0.plus(Duration.ofHours(6)))
            .granularity(Granularity.DAY)
            .build();
    Answers raw = answers(scope, hourly, daily);

    assertThat(raw.volume.get(0).points())
        .extracting(VolumePoint::eventCount)
        .containsExactly(10L, 3L, 15L, 3L, 20L, 3L, 25L, 3L, 30L, 3L, 35L, 3L);
    assertThat(raw.volume.get(1).points())
        .extracting(VolumePoint::bucket, VolumePoint::sourceName, VolumePoint::eventCount)
        .containsExactly(tuple(T0, "shop", 135L), tuple(T0, "billing", 18L));
    DeliveryPoint day = raw.deliveries.get(1).points().get(0);
    int attempts = provider.latencies.values().stream().mapToInt(List::size).sum();
    assertThat(day.deliveryCount()).isEqualTo(attempts).isEqualTo(153);
    assertThat(day.failedCount()).isEqualTo(attempts / 10);
    assertThat(day.destinationName()).isEqualTo("orders");
    assertPercentilesMatchTheRawLatencies(raw.latency.get(0));

    clock.set(T0.plus(Duration.ofHours(7)));
    hs.runDueJobs();
    assertThat(store.metrics().rollups(scope, "hour", T0, T0.plus(Duration.ofHours(6))))
        .as("one row per source and destination and hour")
        .hasSize(6 * 3);

    // 48 h later the window's first three hours come from rollups, the last three are raw.
    clock.set(T0.plus(Duration.ofHours(51)));
    hs.runDueJobs();
    assertThat(answers(scope, hourly, daily)).isEqualTo(raw);

    // Past retention: the raw rows are gone, the rollups answer alone.
    clock.set(T0.plus(Duration.ofDays(4)));
    hs.runDueJobs();
    assertThat(store.metrics().countEventsByHour(scope, T0, clock.now())).isEmpty();
    assertThat(store.metrics().rollups(scope, "day", T0, T0.plus(Duration.ofDays(1)))).hasSize(3);
    assertThat(answers(scope, hourly, daily)).isEqualTo(raw);
  }

  @Test
  void filtersNarrowToOneSourceOrDestinationAndTheDefaultIsTheLast24HoursByHour() {
    var org = hs.organizations().create("Acme");
    Scope scope = hs.organizations().createEnvironment(org.id(), "production").scope();
    String shop = source(scope, "shop");
    String billing = source(scope, "billing");
    String orders = destination(scope, "orders");
    String ledger = destination(scope, "ledger");
    connect(scope, shop, orders);
    connect(scope, billing, ledger);
    clock.set(T0.plusSeconds(60));
    send(scope, shop, 4);
    send(scope, billing, 2);
    clock.set(T0.plus(Duration.ofHours(25)).plusSeconds(60)); // the first hour is now too old
    send(scope, billing, 1);

    assertThat(hs.metrics().volume(scope, MetricsQuery.DEFAULT).points())
        .containsExactly(new VolumePoint(T0.plus(Duration.ofHours(25)), billing, "billing", 1));
    MetricsQuery day =
        MetricsQuery.builder()
            .start(T0)
            .end(clock.now())
            .granularity(Granularity.DAY)
            .sourceId(shop)
            .build();
    assertThat(hs.metrics().volume(scope, day).points())
        .containsExactly(new VolumePoint(T0, shop, "shop", 4));
    MetricsQuery toLedger =
        MetricsQuery.builder()
            .start(T0)
            .end(clock.now())
            .granularity(Granularity.DAY)
            .destinationId(ledger)
            .build();
    assertThat(hs.metrics().deliveries(scope, toLedger).points())
        .extracting(
            DeliveryPoint::bucket, DeliveryPoint::destinationId, DeliveryPoint::deliveryCount)
        .containsExactly(tuple(T0, ledger, 2L), tuple(T0.plus(Duration.ofDays(1)), ledger, 1L));

    var other = hs.organizations().create("Other");
    Scope foreign = hs.organizations().createEnvironment(other.id(), "production").scope();
    assertThat(hs.metrics().volume(foreign, day).points()).isEmpty();
    assertThat(hs.metrics().overview(foreign).eventsThisWeek()).isZero();
  }

  @Test
  void theOverviewCountsTodayThisWeekAndTheLiveResources() {
    var org = hs.organizations().create("Acme");
    Scope scope = hs.organizations().createEnvironment(org.id(), "production").scope();
    String shop = source(scope, "shop");
    String orders = destination(scope, "orders");
    connect(scope, shop, orders);
    source(scope, "unused");
    clock.set(T0.plusSeconds(60));
    send(scope, shop, 7);
    clock.set(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(3)));
    send(scope, shop, 20); // the tenth fails and goes to the dead letter queue

    var overview = hs.metrics().overview(scope);

    assertThat(overview.eventsToday()).isEqualTo(20);
    assertThat(overview.eventsThisWeek()).isEqualTo(27);
    assertThat(overview.deliveriesToday()).isEqualTo(20);
    assertThat(overview.failedToday()).isEqualTo(2);
    assertThat(overview.successToday()).isEqualTo(18);
    assertThat(overview.successRateToday()).isEqualTo(90.0);
    assertThat(overview.activeSources()).isEqualTo(2);
    assertThat(overview.activeDestinations()).isEqualTo(1);
    assertThat(overview.dlqCount()).isEqualTo(2 + 0);
    assertThat(overview.openIssues()).isEqualTo(1);
  }

  @Test
  void aNodeThatDiesBetweenARollupAndItsWatermarkIsCaughtUpByTheNextWithoutDuplicates() {
    Scope scope = fourHoursOfTraffic();
    MetricsQuery window =
        MetricsQuery.builder().start(T0).end(T0.plus(Duration.ofHours(4))).build();
    Answers raw = answers(scope, window);
    clock.set(T0.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(10)));
    int[] advances = {0};
    Store dying =
        storeWhoseMetrics(
            (method, args) -> {
              if (method.getName().equals("advanceWatermark") && ++advances[0] == 3) {
                throw new IllegalStateException("node died"); // hour 2 upserted, not marked
              }
            });
    try (Hookstream first = TestEngine.builder(dying, clock).nodeId("node-a").build()) {
      clock.advance(EngineJobs.ROLLUP_INTERVAL);
      first.runDueJobs();
    }
    assertThat(store.metrics().watermark("metrics.rollups.hour"))
        .contains(T0.plus(Duration.ofHours(2)));

    try (Hookstream restarted = TestEngine.builder(store, clock).nodeId("node-a").build()) {
      clock.advance(EngineJobs.ROLLUP_INTERVAL);
      restarted.runDueJobs();
    }
    assertThat(store.metrics().watermark("metrics.rollups.hour"))
        .contains(T0.plus(Duration.ofHours(4)));
    List<MetricsRollupRecord> rows = hourRows(scope);
    assertThat(rows).extracting(MetricsRollupRecord::key).doesNotHaveDuplicates().hasSize(4 * 2);

    hs.metrics().rebuildRollups(T0, T0.plus(Duration.ofHours(4)));
    assertThat(hourRows(scope)).as("recomputing writes the same rows").isEqualTo(rows);
    clock.set(T0.plus(Duration.ofDays(3)));
    assertThat(answers(scope, window)).isEqualTo(raw);
  }

  @Test
  void twoNodesRollingUpTogetherWriteOneRowPerBucket() throws Exception {
    Scope scope = fourHoursOfTraffic();
    clock.set(T0.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(10)));
    try (Hookstream a = TestEngine.builder(store, clock).nodeId("node-a").build();
        Hookstream b = TestEngine.builder(store, clock).nodeId("node-b").build()) {
      clock.advance(EngineJobs.ROLLUP_INTERVAL);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var start = new java.util.concurrent.CountDownLatch(1);
      var runs =
          List.of(a, b).stream()
              .map(
                  node ->
                      pool.submit(
                          () -> {
                            start.await();
                            return node.runDueJobs();
                          }))
              .toList();
      start.countDown();
      for (var run : runs) {
        assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS)).contains("metrics-rollups");
      }
      pool.shutdown();
    }
    List<MetricsRollupRecord> rows = hourRows(scope);
    assertThat(rows).extracting(MetricsRollupRecord::key).doesNotHaveDuplicates().hasSize(4 * 2);
    hs.metrics().rebuildRollups(T0, T0.plus(Duration.ofHours(4)));
    assertThat(hourRows(scope)).isEqualTo(rows);
  }

  /** One source to one destination, a few events in each of four hours from T0. */
  private Scope fourHoursOfTraffic() {
    var org = hs.organizations().create("Acme");
    Scope scope = hs.organizations().createEnvironment(org.id(), "production").scope();
    String shop = source(scope, "shop");
    connect(scope, shop, destination(scope, "orders"));
    for (int hour = 0; hour < 4; hour++) {
      clock.set(T0.plus(Duration.ofHours(hour)).plusSeconds(60));
      send(scope, shop, 3 + hour);
    }
    return scope;
  }

  private List<MetricsRollupRecord> hourRows(Scope scope) {
    return store.metrics().rollups(scope, "hour", T0, T0.plus(Duration.ofDays(1)));
  }

  /** Called before every call to the metrics repository; may throw to fail it. */
  private interface Interceptor {
    void before(java.lang.reflect.Method method, Object[] args);
  }

  /** The shared store as a node sees it whose metrics calls pass {@code interceptor} first. */
  private Store storeWhoseMetrics(Interceptor interceptor) {
    MetricsRepository metrics =
        proxy(
            MetricsRepository.class,
            (method, args) -> {
              interceptor.before(method, args);
              return method.invoke(store.metrics(), args);
            });
    return proxy(
        Store.class,
        (method, args) ->
            method.getName().equals("metrics") ? metrics : method.invoke(store, args));
  }

  private interface Call {
    Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        java.lang.reflect.Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              try {
                return call.invoke(method, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  private void assertPercentilesMatchTheRawLatencies(MetricsSeries<LatencyPoint> series) {
    assertThat(series.points()).hasSize(6);
    for (LatencyPoint p : series.points()) {
      List<Long> sorted =
          provider.latencies.entrySet().stream()
              .filter(e -> !e.getKey().isBefore(p.bucket()))
              .filter(e -> e.getKey().isBefore(p.bucket().plus(Duration.ofHours(1))))
              .flatMap(e -> e.getValue().stream())
              .sorted()
              .toList();
      assertThat(p.p50LatencyMs()).isCloseTo(rank(sorted, 50), within(tolerance(rank(sorted, 50))));
      assertThat(p.p95LatencyMs()).isCloseTo(rank(sorted, 95), within(tolerance(rank(sorted, 95))));
      assertThat(p.p99LatencyMs()).isCloseTo(rank(sorted, 99), within(tolerance(rank(sorted, 99))));
      double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
      assertThat(p.avgLatencyMs()).isEqualTo(Math.round(mean));
    }
  }

  /** Nearest rank: the smallest value with at least {@code pct}% of the values at or below it. */
  private static long rank(List<Long> sorted, double pct) {
    int index = (int) Math.ceil(pct / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  /** Exact below 2048 ms, 0.1% above. */
  private static long tolerance(long value) {
    return value < 2048 ? 0 : (long) Math.ceil(value * 0.001);
  }

  private record Answers(
      List<MetricsSeries<VolumePoint>> volume,
      List<MetricsSeries<DeliveryPoint>> deliveries,
      List<MetricsSeries<LatencyPoint>> latency) {}

  private Answers answers(Scope scope, MetricsQuery... queries) {
    List<MetricsSeries<VolumePoint>> v = new ArrayList<>();
    List<MetricsSeries<DeliveryPoint>> d = new ArrayList<>();
    List<MetricsSeries<LatencyPoint>> l = new ArrayList<>();
    for (MetricsQuery q : queries) {
      v.add(hs.metrics().volume(scope, q));
      d.add(hs.metrics().deliveries(scope, q));
      l.add(hs.metrics().latency(scope, q));
    }
    return new Answers(v, d, l);
  }

  /** Ingests {@code n} events, waits for their routing and delivers them at the clock's time. */
  private void send(Scope scope, String sourceId, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(hs.ingest(sourceId, IngestRequest.json("{\"n\":" + i + "}")).eventId());
    }
    Await.until(
        Duration.ofSeconds(10),
        () -> ids.stream().allMatch(id -> !store.deliveries().tasksForEvent(scope, id).isEmpty()));
    hs.runDueDeliveries();
  }

  private String source(Scope scope, String name) {
    return hs.sources().create(scope, SourceSpec.builder().name(name).build()).id();
  }

  private String destination(Scope scope, String name) {
    return hs.destinations()
        .create(
            scope, DestinationSpec.builder().name(name).url("https://example.com/" + name).build())
        .id();
  }

  private void connect(Scope scope, String src, String dst) {
    hs.connections()
        .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());
  }

  /**
   * An "http" provider whose latencies spread from a few milliseconds to ten seconds, and whose
   * every tenth delivery fails with a 400 (not retried: it goes to the dead letter queue). It keeps
   * each latency it reported under the clock time of the attempt.
   */
  final class ScriptedProvider extends TestEngine.RecordingProvider {
    final Map<Instant, List<Long>> latencies = new HashMap<>();
    private int n;

    @Override
    public synchronized DeliveryResult deliver(DeliveryRequest request) {
      n++;
      long latency = n % 7 == 0 ? 2_000 + (n * 977L) % 8_000 : 3 + (n * 37L) % 400;
      latencies.computeIfAbsent(clock.now(), k -> new ArrayList<>()).add(latency);
      if (n % 10 == 0) {
        return new DeliveryResult.Failed(
            FailureKind.HTTP_4XX, "HTTP 400", false, null, 400, latency, Map.of(), Map.of(), "no");
      }
      return new DeliveryResult.Delivered(200, latency, Map.of(), Map.of(), "ok");
    }
  }
}
