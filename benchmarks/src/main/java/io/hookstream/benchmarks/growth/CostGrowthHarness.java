package io.hookstream.benchmarks.growth;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Timer;
import io.hookstream.metrics.Granularity;
import io.hookstream.metrics.MetricsQuery;
import io.hookstream.metrics.VolumePoint;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Harness 6: how the hot store queries cost as the events table grows. Bulk-loads synthetic events
 * (1 KB bodies) and their delivery tasks through the store's batch insert, then at each size times:
 * the first page of events, a page in the middle (by cursor), one event by id, and a claim of due
 * tasks (the scheduler's per-destination claim where the store has it, and the all-destination
 * claim). Reports the median per size, the ratio to the smallest size, and the slope in
 * microseconds per tenfold growth.
 *
 * <p>It also times {@code /v1/metrics/volume} over the last 30 days, by hour and by day, through
 * the engine's metrics service on a clock 29 days after the events: those buckets are served from
 * the rollups (written by the engine's rollup job, then rebuilt after each load), so their cost
 * should not grow with the events table.
 */
public final class CostGrowthHarness implements Harness {

  private static final int BATCH = 1_000;
  private static final int PAGE = 20;
  private static final int CLAIM = 10;

  /** Time allowed per query and size, warm-up included. */
  private static final long BUDGET = Duration.ofSeconds(10).toNanos();

  private final Databases databases;

  public CostGrowthHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "growth";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    List<Integer> sizes =
        mode.quick() ? List.of(10_000, 100_000) : List.of(10_000, 100_000, 1_000_000);
    int runs = mode.quick() ? 300 : 1_000;
    List<Row> rows = new ArrayList<>();
    Map<String, Supplier<DataSource>> dbs = new LinkedHashMap<>();
    dbs.put("H2 file", databases::h2File);
    dbs.put("PostgreSQL", databases::postgres);
    for (var db : dbs.entrySet()) {
      rows.addAll(measure(db.getKey(), db.getValue().get(), sizes, runs));
    }
    return rows;
  }

  private List<Row> measure(String db, DataSource ds, List<Integer> sizes, int runs)
      throws Exception {
    JdbcStores stores = JdbcStores.builder(ds).build();
    Store store = stores.store();
    SyntheticEvents synthetic = new SyntheticEvents();
    ManualClock clock = new ManualClock(SyntheticEvents.EPOCH.plus(Duration.ofDays(29)));
    SyntheticEvents.register(store, clock.now());
    Hookstream hs =
        Hookstream.builder()
            .store(store)
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore())
            .clock(clock)
            .build();
    Map<String, double[]> medians = new LinkedHashMap<>();
    long loaded = 0;
    for (int s = 0; s < sizes.size(); s++) {
      int size = sizes.get(s);
      long t0 = System.nanoTime();
      load(store, synthetic, loaded, size);
      rollUp(hs, clock, s == 0);
      loaded = size;
      analyze(ds, stores.dialect());
      System.out.printf(
          Locale.ROOT,
          "%s: %,d events loaded (%.1f s)%n",
          db,
          size,
          (System.nanoTime() - t0) / 1e9);
      if (s == 0) {
        time(store, hs, size, runs); // a whole pass to warm up, so the first size is not penalised
      }
      Map<String, double[]> samples = time(store, hs, size, runs);
      for (var e : samples.entrySet()) {
        double median = Timer.percentile(e.getValue(), 50);
        medians.computeIfAbsent(e.getKey(), k -> new double[sizes.size()])[s] = median;
        System.out.printf(
            Locale.ROOT,
            "  %-34s median %8.1f µs  p99 %8.1f µs%n",
            e.getKey(),
            median,
            Timer.percentile(e.getValue(), 99));
      }
    }
    hs.close();
    List<Row> rows = new ArrayList<>();
    for (var e : medians.entrySet()) {
      double[] m = e.getValue();
      for (int s = 1; s < sizes.size(); s++) {
        rows.add(
            Row.of(
                name(),
                db + ": " + e.getKey() + " at " + power(sizes.get(s)),
                m[s],
                m[0],
                "µs (median)",
                "baseline: same query at " + power(sizes.get(0))));
      }
      rows.add(
          Row.alone(
              name(),
              db + ": " + e.getKey() + " slope",
              slope(sizes, m),
              "µs per 10x rows",
              "least squares over " + sizes.size() + " sizes"));
    }
    return rows;
  }

  /**
   * The first time, lets the engine's rollup job catch up from the first event to its clock (at
   * most a week of hours per run, a run every 5 minutes); later, rebuilds the rolled-up day the new
   * events joined, as after an import.
   */
  private static void rollUp(Hookstream hs, ManualClock clock, boolean first) {
    if (first) {
      for (int run = 0; run < 8; run++) {
        clock.advance(Duration.ofMinutes(5));
        hs.runDueJobs();
      }
    } else {
      hs.metrics()
          .rebuildRollups(SyntheticEvents.EPOCH, SyntheticEvents.EPOCH.plus(Duration.ofDays(1)));
    }
  }

  private static void load(Store store, SyntheticEvents synthetic, long from, long to) {
    for (long start = from; start < to; start += BATCH) {
      long end = Math.min(to, start + BATCH);
      List<EventRecord> events = new ArrayList<>(BATCH);
      List<DeliveryTask> tasks = new ArrayList<>(BATCH);
      for (long i = start; i < end; i++) {
        events.add(synthetic.event(i));
        tasks.add(synthetic.task(i));
      }
      store.events().insertAll(events);
      store.deliveries().insertTasks(tasks);
    }
  }

  /**
   * Fresh planner statistics and, on PostgreSQL, the dead row versions of the previous size's
   * claims vacuumed away: what autovacuum keeps up with in a database that grew over time.
   */
  private static void analyze(DataSource ds, SqlDialect dialect) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(dialect == SqlDialect.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
    }
  }

  private Map<String, double[]> time(Store store, Hookstream hs, int size, int runs)
      throws Exception {
    Map<String, double[]> out = new LinkedHashMap<>();
    String middle = SyntheticEvents.eventId(size / 2);
    int warmup = runs / 5;
    out.put(
        "list events, first page",
        Timer.micros(
            warmup,
            runs,
            BUDGET,
            i ->
                check(
                    store
                            .events()
                            .list(SyntheticEvents.SCOPE, EventQuery.ALL, PageRequest.first(PAGE))
                            .items()
                            .size()
                        == PAGE)));
    out.put(
        "list events, middle page (cursor)",
        Timer.micros(
            warmup,
            runs,
            BUDGET,
            i ->
                check(
                    store
                            .events()
                            .list(
                                SyntheticEvents.SCOPE,
                                EventQuery.ALL,
                                new PageRequest(middle, PAGE))
                            .items()
                            .size()
                        == PAGE)));
    SplittableRandom random = new SplittableRandom(size);
    out.put(
        "get event by id",
        Timer.micros(
            warmup,
            runs,
            BUDGET,
            i ->
                check(
                    store
                        .events()
                        .find(SyntheticEvents.SCOPE, SyntheticEvents.eventId(random.nextInt(size)))
                        .isPresent())));
    // Each claim happens a lease later than the one before, so the same due tasks are claimable.
    Instant later = SyntheticEvents.EPOCH.plus(Duration.ofDays(2));
    out.put(
        "claim due tasks, per destination",
        Timer.micros(
            warmup,
            runs,
            BUDGET,
            i -> {
              Instant now = later.plusSeconds(2L * i);
              List<String> due = store.deliveries().dueDestinations(now, 16, List.of());
              check(due.size() == SyntheticEvents.DESTINATIONS);
              // What the scheduler runs: the claim that also reads each task's event.
              check(
                  store
                          .deliveries()
                          .claimDeliveries(
                              new DestinationClaim(
                                  due.get(i % due.size()),
                                  "bench",
                                  now,
                                  now.plusSeconds(1),
                                  CLAIM,
                                  100,
                                  false,
                                  null))
                          .size()
                      == CLAIM);
            }));
    for (Granularity g : Granularity.values()) {
      MetricsQuery month =
          MetricsQuery.builder()
              .start(hs.clock().now().minus(Duration.ofDays(30)))
              .end(hs.clock().now())
              .granularity(g)
              .build();
      out.put(
          "metrics volume, 30 days by " + g.wire(),
          Timer.micros(
              warmup,
              runs,
              BUDGET,
              i ->
                  check(
                      hs.metrics().volume(SyntheticEvents.SCOPE, month).points().stream()
                              .mapToLong(VolumePoint::eventCount)
                              .sum()
                          == size)));
    }
    return out;
  }

  /** A benchmark that measures a query returning the wrong thing measures nothing. */
  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a timed query returned an unexpected result");
    }
  }

  static double slope(List<Integer> sizes, double[] values) {
    int n = sizes.size();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log10(sizes.get(i)) / n;
      my += values[i] / n;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log10(sizes.get(i)) - mx;
      num += dx * (values[i] - my);
      den += dx * dx;
    }
    return num / den;
  }

  private static String power(int size) {
    return "10^" + Math.round(Math.log10(size));
  }
}
