package io.hookstream.benchmarks.delivery;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Latency;
import io.hookstream.benchmarks.support.OpenLoop;
import io.hookstream.benchmarks.support.QueueTables;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.spi.store.Scope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A held {@code xmin} on PostgreSQL: 1,000 events/s offered open-loop to one destination while,
 * from 30 s on, another connection holds a repeatable-read transaction with a transaction id for 60
 * s (quick: from 10 s on, for 10 s, in a 30 s run), as a long report or a forgotten session would.
 * While it is open, vacuum can remove no tuple that died after it began, so the queue's dead claims
 * and settles pile up in its tables and indexes. Reports delivered/s and p99 before, during and
 * after the hold, the queue tables' dead tuples at those points, and their HOT ratio.
 */
public final class HeldXminHarness implements Harness {

  private static final double RATE = 1_000;
  private static final int SENDERS = 16;
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final Databases databases;

  public HeldXminHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "xmin";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    long seconds = mode.quick() ? 30 : 150;
    long holdAt = mode.quick() ? 10 : 30;
    long hold = mode.quick() ? 10 : 60;
    Databases.PostgresDatabase db = databases.postgresDatabase();
    QueueTables tables = new QueueTables(db.jdbcUrl());
    ExecutorService generator = Executors.newSingleThreadExecutor();
    try (LatencyReceiver receiver = new LatencyReceiver(8);
        Hookstream hs =
            Engines.jdbc(Databases.pool(db.jdbcUrl()))
                .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
                .build()
                .start()) {
      String source = wire(hs, receiver);
      // Warm-up: JIT, connection pools, the route cache.
      receiver.reset(System.nanoTime());
      OpenLoop.run(SENDERS, RATE, 2_000, (n, t) -> hs.ingest(source, EndToEndHarness.event(t)));
      receiver.awaitCount(2_000, DRAIN_NANOS);

      long events = (long) (RATE * seconds);
      QueueTables.Stats atStart = tables.read();
      long t0 = System.nanoTime();
      receiver.reset(t0);
      Future<OpenLoop.Result> load =
          generator.submit(
              () ->
                  OpenLoop.run(
                      SENDERS,
                      RATE,
                      events,
                      (n, t) -> hs.ingest(source, EndToEndHarness.event(t))));
      sleepUntil(t0 + TimeUnit.SECONDS.toNanos(holdAt));
      Window before = Window.cut(receiver, t0, System.nanoTime());
      QueueTables.Stats atHold = tables.read();
      QueueTables.Stats atRelease;
      Window during;
      try (Connection held = holdSnapshot(db.jdbcUrl())) {
        sleepUntil(t0 + TimeUnit.SECONDS.toNanos(holdAt + hold));
        during = Window.cut(receiver, before.endNanos, System.nanoTime());
        atRelease = tables.read();
        held.rollback();
      }
      load.get();
      receiver.awaitCount(events, DRAIN_NANOS);
      Window after = Window.cut(receiver, during.endNanos, receiver.lastReceiptNanos());
      QueueTables.Stats atEnd = tables.read();

      String run =
          String.format(
              Locale.ROOT,
              "%,.0f events/s for %d s, snapshot held %d-%d s",
              RATE,
              seconds,
              holdAt,
              holdAt + hold);
      System.out.println(run);
      long missing = events - receiver.received();
      List<Row> rows = new ArrayList<>();
      rows.addAll(windowRows("before the hold", before, atHold, ""));
      rows.addAll(windowRows("during the hold", during, atRelease, ""));
      rows.addAll(
          windowRows(
              "after the hold",
              after,
              atEnd,
              missing > 0 ? "; MISSING " + missing + " (not received within 120 s)" : ""));
      rows.add(
          Row.of(
              name(),
              "delivered during the hold / before",
              during.perSecond(),
              before.perSecond(),
              "deliveries/s",
              run + "; target ratio >= 0.70 (published PostgreSQL queues: about 0.65)"));
      QueueTables.Stats run0 = atEnd.since(atStart);
      System.out.printf(
          Locale.ROOT,
          "dead tuples at start %,d; HOT updates %,d of %,d (%.0f %%)%n",
          atStart.deadTuples(),
          run0.hotUpdates(),
          run0.updates(),
          100 * run0.hotRatio());
      rows.add(
          Row.alone(
              name(),
              "queue tables: HOT updates / all updates",
              run0.hotRatio(),
              "ratio",
              String.format(
                  Locale.ROOT,
                  "%,d of %,d over the run; dead tuples at start %,d",
                  run0.hotUpdates(),
                  run0.updates(),
                  atStart.deadTuples())));
      return rows;
    } finally {
      generator.shutdownNow();
    }
  }

  private List<Row> windowRows(String label, Window w, QueueTables.Stats atEnd, String note) {
    System.out.printf(
        Locale.ROOT,
        "%-16s %5.1f s: delivered %,7.0f/s %s; dead tuples at its end %,d%n",
        label,
        w.seconds(),
        w.perSecond(),
        w.latency(),
        atEnd.deadTuples());
    return List.of(
        Row.of(
            name(),
            label + ": delivered",
            w.perSecond(),
            RATE,
            "deliveries/s",
            String.format(Locale.ROOT, "baseline: offered; %.0f s window%s", w.seconds(), note)),
        Row.alone(
            name(),
            label + ": p99",
            w.latency().millis(99),
            "ms",
            String.format(
                Locale.ROOT,
                "p50 %.2f, max %.2f ms",
                w.latency().millis(50),
                w.latency().maxMillis())),
        Row.alone(
            name(),
            label + ": dead tuples at its end",
            atEnd.deadTuples(),
            "tuples",
            "n_dead_tup of the queue tables"));
  }

  /** The deliveries received between two instants and their latencies. */
  private record Window(Latency latency, long startNanos, long endNanos) {

    static Window cut(LatencyReceiver receiver, long startNanos, long endNanos) {
      return new Window(receiver.cut(), startNanos, endNanos);
    }

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }

    double perSecond() {
      return latency.count() / seconds();
    }
  }

  /**
   * Opens a repeatable-read transaction that has a transaction id and a snapshot: the oldest {@code
   * xmin} on the server until it ends.
   */
  private static Connection holdSnapshot(String jdbcUrl) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl);
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement st = c.createStatement()) {
      st.executeQuery("SELECT txid_current()").close();
      st.executeQuery("SELECT 1 FROM hs_delivery_tasks LIMIT 1").close();
    }
    return c;
  }

  private static void sleepUntil(long nanos) {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  private static String wire(Hookstream hs, LatencyReceiver receiver) {
    Scope scope = Engines.tenant(hs);
    String source = Engines.plainSource(hs, scope);
    String destination =
        hs.destinations()
            .create(
                scope, DestinationSpec.builder().name("receiver").url(receiver.url("/x")).build())
            .id();
    hs.connections()
        .create(
            scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    return source;
  }
}
