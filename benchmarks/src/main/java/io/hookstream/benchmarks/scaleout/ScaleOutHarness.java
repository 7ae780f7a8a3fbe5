package io.hookstream.benchmarks.scaleout;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.ChildJvm;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.OpenLoop;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.benchmarks.support.WaitSampler;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.Scope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Scale-out: 1, 2 and 3 engine instances, each a separate JVM ({@link EngineNode}) with its own
 * node id, share one PostgreSQL queue. This JVM starts the server, wires a tenant with 50 sources,
 * each connected to its own destination (so every event is one delivery), and queues a fixed
 * backlog spread over them with an engine that is never started; then it starts the instances at
 * once and times the drain to a {@link CountingReceiver}, after the first fifth of the backlog (the
 * new JVMs warm up meanwhile; the whole drain's rate is reported too). Receivers that answer after
 * 20 ms make the engines wait, as real receivers do; receivers that answer at once make the two
 * cores the limit (the CPU-bound runs). Reports deliveries/s, each node's share, and the
 * duplicates.
 */
public final class ScaleOutHarness implements Harness {

  private static final int DESTINATIONS = 50;
  private static final int SENDERS = 16;
  private static final long DRAIN_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final Databases databases;

  public ScaleOutHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "scaleout";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    long events = mode.quick() ? 4_000 : 20_000;
    List<Row> rows = new ArrayList<>();
    rows.addAll(series(events, 20, List.of(1, 2, 3)));
    rows.addAll(series(events, 0, List.of(1, 3)));
    return rows;
  }

  /** One drain per instance count; the first is the baseline of the others. */
  private List<Row> series(long events, long delayMillis, List<Integer> counts) throws Exception {
    List<Row> rows = new ArrayList<>();
    double single = Double.NaN;
    for (int instances : counts) {
      Drain d = drain(events, delayMillis, instances);
      if (instances == counts.get(0)) {
        single = d.perSecond();
      }
      String label =
          String.format(
              Locale.ROOT,
              "%d instance%s, receiver %s",
              instances,
              instances == 1 ? "" : "s",
              delayMillis == 0
                  ? "answers at once (CPU-bound)"
                  : "answers after " + delayMillis + " ms");
      System.out.printf(
          Locale.ROOT,
          "%-55s %,7.0f deliveries/s (whole drain %,.0f/s; %d of %d), shares %s, duplicates %d;"
              + " PostgreSQL sessions: %s%n",
          label,
          d.perSecond(),
          d.whole(),
          d.received(),
          events,
          d.shares(),
          d.duplicates(),
          d.waits());
      rows.add(
          Row.of(
              name(),
              label + ": delivered",
              d.perSecond(),
              single,
              "deliveries/s",
              String.format(
                  Locale.ROOT,
                  "%,d events over %d destinations, after the first fifth (whole drain %,.0f/s);"
                      + " baseline: %d instance; shares %s; active sessions: %s%s",
                  events,
                  DESTINATIONS,
                  d.whole(),
                  counts.get(0),
                  d.shares(),
                  d.waits(),
                  d.received() < events ? "; MISSING " + (events - d.received()) : "")));
      rows.add(
          Row.alone(
              name(),
              label + ": duplicates",
              d.duplicates(),
              "deliveries",
              "same event at the same destination twice; expected 0 (no crash)"));
    }
    return rows;
  }

  /** What one drain measured; {@code delivered} holds each node's own count, in node order. */
  private record Drain(
      long received,
      double perSecond,
      double whole,
      long duplicates,
      List<Long> delivered,
      String waits) {

    String shares() {
      long all = delivered.stream().mapToLong(Long::longValue).sum();
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < delivered.size(); i++) {
        parts.add(
            String.format(
                Locale.ROOT,
                "node-%d %.0f %%",
                i + 1,
                all == 0 ? 0 : 100.0 * delivered.get(i) / all));
      }
      return String.join(", ", parts);
    }
  }

  private Drain drain(long events, long delayMillis, int instances) throws Exception {
    Databases.PostgresDatabase db = databases.postgresDatabase();
    DataSource pool = Databases.pool(db.jdbcUrl());
    // Each instance runs 32 delivery workers by default: the receiver must not be the limit.
    try (CountingReceiver receiver = new CountingReceiver(64 + 32 * instances, delayMillis)) {
      queueBacklog(pool, receiver, events);
      List<ChildJvm> nodes = new ArrayList<>();
      try {
        for (int i = 1; i <= instances; i++) {
          nodes.add(ChildJvm.start("-Xmx1g", EngineNode.class, db.jdbcUrl(), "node-" + i));
        }
        for (ChildJvm node : nodes) {
          node.expect("READY", 120);
        }
        long t0 = System.nanoTime();
        for (ChildJvm node : nodes) {
          node.send("GO");
        }
        // The first fifth warms up the new JVMs (class loading, JIT): the rate counts the rest.
        receiver.awaitCount(events / 5, DRAIN_NANOS);
        long warm = System.nanoTime();
        long warmCount = receiver.received();
        String waits;
        try (WaitSampler sampler = new WaitSampler(databases, db.name())) {
          receiver.awaitCount(events, DRAIN_NANOS);
          waits = sampler.top(4);
        }
        double perSecond =
            (receiver.received() - warmCount) / ((receiver.lastReceiptNanos() - warm) / 1e9);
        double whole = receiver.received() / ((receiver.lastReceiptNanos() - t0) / 1e9);
        // A double claim would show as a second receipt at about the same time as the first.
        TimeUnit.SECONDS.sleep(1);
        List<Long> delivered = new ArrayList<>();
        for (ChildJvm node : nodes) {
          node.closeInput();
          delivered.add(Long.parseLong(node.expect("DELIVERED", 60).split(" ")[1]));
        }
        if (receiver.unidentified() > 0) {
          throw new IllegalStateException(
              receiver.unidentified() + " deliveries came without X-hookstream-Event-Id");
        }
        return new Drain(
            receiver.received(), perSecond, whole, receiver.duplicates(), delivered, waits);
      } finally {
        for (ChildJvm node : nodes) {
          node.close();
        }
      }
    }
  }

  /**
   * Wires the tenant and queues {@code events} events round-robin over the sources with an engine
   * that is never started, so none of them is delivered here; returns once every task is stored.
   */
  private static void queueBacklog(DataSource pool, CountingReceiver receiver, long events)
      throws Exception {
    try (Hookstream hs =
        Engines.jdbc(pool)
            .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
            .build()) {
      Scope scope = Engines.tenant(hs);
      List<String> sources = new ArrayList<>();
      for (int i = 0; i < DESTINATIONS; i++) {
        String source =
            hs.sources().create(scope, SourceSpec.builder().name("bench " + i).build()).id();
        String destination =
            hs.destinations()
                .create(
                    scope,
                    DestinationSpec.builder().name("d" + i).url(receiver.url("/d" + i)).build())
                .id();
        hs.connections()
            .create(
                scope,
                ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
        sources.add(source);
      }
      byte[] body = Payloads.json(1, Payloads.ONE_KB);
      OpenLoop.run(
          SENDERS,
          0,
          events,
          (n, t) ->
              hs.ingest(
                  sources.get((int) (n % DESTINATIONS)),
                  IngestRequest.builder()
                      .method("POST")
                      .header("Content-Type", "application/json")
                      .body(body)
                      .build()));
      awaitTasks(pool, events);
    }
  }

  /** Waits until {@code count} delivery tasks are stored (routing may finish after ingest). */
  private static void awaitTasks(DataSource pool, long count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (tasks(pool) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("routing did not queue " + count + " tasks within 120 s");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static long tasks(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM hs_delivery_tasks")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
