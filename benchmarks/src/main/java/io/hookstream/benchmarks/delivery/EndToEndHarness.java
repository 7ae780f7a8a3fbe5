package io.hookstream.benchmarks.delivery;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.CountingDataSource;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Latency;
import io.hookstream.benchmarks.support.OpenLoop;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.benchmarks.support.PostgresWork;
import io.hookstream.benchmarks.support.WaitSampler;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Harness 3: end-to-end delivery. Events are ingested through the Java API by an open-loop
 * generator at fixed offered rates, then at saturation; the engine routes them and delivers them
 * over HTTP to a {@link LatencyReceiver} on loopback. Latency runs from the intended send time to
 * receipt (no coordinated omission). Engines use their default delivery settings (32 workers; a
 * destination's default of 10 in flight). A second set fans each event out over 3 connections with
 * filters and a JSONata transform.
 */
public final class EndToEndHarness implements Harness {

  private static final int SENDERS = 16;
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long BACKLOG_NANOS = TimeUnit.MINUTES.toNanos(5);

  /** Three rules every generated event matches. */
  private static final String FILTER =
      "[{\"field\":\"payload.type\",\"op\":\"eq\","
          + "\"value\":\"payment.succeeded\"},{\"field\":\"payload.data.amount\",\"op\":\"gte\","
          + "\"value\":1000},{\"field\":\"payload.data.customer.country\",\"op\":\"in\","
          + "\"value\":[\"GB\",\"FR\",\"DE\"]}]";

  /** Keeps the send stamp first, so the receiver can still read it. */
  private static final String TRANSFORM =
      "{\"t\": t, \"kind\": type, \"payment\": data.id,"
          + " \"dollars\": data.amount / 100, \"customer\": data.customer.email,"
          + " \"tags\": $join(data.tags, \",\")}";

  private final Databases databases;

  public EndToEndHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "delivery";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (LatencyReceiver receiver = new LatencyReceiver(8)) {
      rows.addAll(scenario(mode, "memory", receiver, EndToEndHarness::memoryEngine, 1));
      rows.addAll(scenario(mode, "PostgreSQL", receiver, this::postgresEngine, 1));
      rows.addAll(scenario(mode, "memory", receiver, EndToEndHarness::memoryEngine, 3));
      if (!mode.quick()) {
        rows.addAll(scenario(mode, "PostgreSQL", receiver, this::postgresEngine, 3));
      }
    }
    rows.addAll(new LoadSensitiveScenario(name()).run(mode));
    return rows;
  }

  private List<Row> scenario(
      Mode mode,
      String store,
      LatencyReceiver receiver,
      Supplier<EngineUnderTest> engine,
      int connections)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    String label =
        store
            + (connections == 1
                ? ", 1 connection"
                : ", " + connections + " connections + filters + JSONata");
    EngineUnderTest under;
    try {
      under = engine.get();
    } catch (UnsupportedOperationException e) {
      System.out.println(label + ": not run: " + e.getMessage());
      rows.add(Row.alone(name(), label, Double.NaN, "", "not run: " + e.getMessage()));
      return rows;
    }
    double seconds = mode.quick() ? 3 : 30;
    List<Double> rates = connections == 1 ? List.of(500.0, 2_000.0, 10_000.0) : List.of(2_000.0);
    try (Hookstream hs =
        under
            .builder()
            .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
            .build()
            .start()) {
      Wiring wiring = wire(hs, receiver, connections);
      String source = wiring.source();
      // Warm-up: JIT, connection pools, the route cache.
      offer(hs, source, receiver, 1_000, 2_000, connections);
      boolean kept = true;
      for (double rate : rates) {
        String what = String.format(Locale.ROOT, "%s at %,.0f events/s", label, rate);
        if (!kept) {
          // A rate it could not sustain says what a higher one would: the backlog only grows.
          rows.add(
              Row.alone(
                  name(), what, Double.NaN, "", "not run: the previous rate was not sustained"));
          continue;
        }
        long events = (long) (rate * seconds);
        // The whole run's database work, ingest included (full only: each reading waits 11 s).
        boolean costed = under.work() != null && rate == 2_000 && connections == 1;
        PostgresWork.Reading before = costed && !mode.quick() ? under.work().read() : null;
        Measured m = offer(hs, source, receiver, rate, events, connections);
        PostgresWork.Reading cost = before == null ? null : under.work().read().minus(before);
        kept = m.delivered == m.expected && m.deliveredPerSecond >= 0.9 * rate * connections;
        if (m.delivered < m.expected) {
          awaitBacklog(receiver, m.expected);
        }
        System.out.printf(
            Locale.ROOT,
            "%-60s delivered %,8.0f/s (%d of %d) %s%n",
            what,
            m.deliveredPerSecond,
            m.delivered,
            m.expected,
            m.latency);
        rows.add(
            Row.of(
                name(),
                what + ": delivered",
                m.deliveredPerSecond,
                rate * connections,
                "deliveries/s",
                "baseline: offered"
                    + (m.delivered < m.expected ? "; MISSING " + (m.expected - m.delivered) : "")));
        rows.add(
            Row.alone(
                name(),
                what + ": p50 / p99 / p99.9",
                m.latency.millis(99),
                "ms",
                String.format(
                    Locale.ROOT,
                    "p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f ms%s",
                    m.latency.millis(50),
                    m.latency.millis(99),
                    m.latency.millis(99.9),
                    m.latency.maxMillis(),
                    target(store, rate, connections))));
        if (cost != null) {
          rows.addAll(costRows(what + ", ingest included", cost, m.delivered, ""));
        }
      }
      long burst = (long) ((mode.quick() ? 10_000 : 100_000) / connections);
      Measured sat = offer(hs, source, receiver, 0, burst, connections);
      String what = label + " at saturation (" + burst + " events at once)";
      System.out.printf(
          Locale.ROOT,
          "%-60s delivered %,8.0f/s (%d of %d)%n",
          what,
          sat.deliveredPerSecond,
          sat.delivered,
          sat.expected);
      rows.add(
          Row.alone(
              name(),
              what,
              sat.deliveredPerSecond,
              "deliveries/s",
              sat.delivered < sat.expected ? "MISSING " + (sat.expected - sat.delivered) : ""));
      if (under.work() != null && connections == 1) {
        rows.addAll(deliveryOnly(mode, hs, wiring, receiver, under.work(), label));
      }
    }
    return rows;
  }

  /**
   * Delivery alone, ingest excluded: events are queued while the destinations are disabled, the
   * database counters are read, then the destinations are enabled and the queue drains. Reports the
   * drain's deliveries/s (a burst drained at saturation) and its database work per delivery.
   */
  private List<Row> deliveryOnly(
      Mode mode,
      Hookstream hs,
      Wiring wiring,
      LatencyReceiver receiver,
      PostgresWork work,
      String label)
      throws Exception {
    long events = mode.quick() ? 5_000 : 20_000;
    wiring.destinations().forEach(d -> hs.destinations().disable(wiring.scope(), d));
    receiver.reset(System.nanoTime());
    OpenLoop.run(SENDERS, 0, events, (n, intended) -> hs.ingest(wiring.source(), event(intended)));
    PostgresWork.Reading before = work.read();
    long enabled = System.nanoTime();
    wiring.destinations().forEach(d -> hs.destinations().enable(wiring.scope(), d));
    String waits;
    try (WaitSampler sampler = work.sampleWaits()) {
      receiver.awaitCount(events, DRAIN_NANOS);
      waits = sampler.top(4);
    }
    long delivered = receiver.received();
    double perSecond = delivered / ((receiver.lastReceiptNanos() - enabled) / 1e9);
    PostgresWork.Reading cost = work.read().minus(before);
    String what = String.format(Locale.ROOT, "%s, delivery only (%,d queued tasks)", label, events);
    System.out.printf(
        Locale.ROOT,
        "%-60s delivered %,8.0f/s (%d of %d); PostgreSQL sessions: %s%n",
        what,
        perSecond,
        delivered,
        events,
        waits);
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.alone(
            name(),
            what + ": drained",
            perSecond,
            "deliveries/s",
            "from enabling the destination to the last receipt; target >= 5,000; active"
                + " sessions: "
                + waits
                + (delivered < events ? "; MISSING " + (events - delivered) : "")));
    rows.addAll(costRows(what, cost, delivered, "; target statements <= 1.5"));
    return rows;
  }

  /** Statements, commits and WAL bytes of {@code cost}, per delivery. */
  private List<Row> costRows(String what, PostgresWork.Reading cost, long deliveries, String note) {
    double[] per = cost.per(deliveries);
    System.out.printf(
        Locale.ROOT,
        "%-60s per delivery: %.2f statements, %.2f commits, %,.0f WAL bytes%n",
        what,
        per[0],
        per[1],
        per[2]);
    String how =
        String.format(
            Locale.ROOT,
            "%,d statements, %,d commits, %,d WAL bytes over %,d deliveries",
            cost.statements(),
            cost.commits(),
            cost.walBytes(),
            deliveries);
    return List.of(
        Row.alone(name(), what + ": SQL statements per delivery", per[0], "statements", how + note),
        Row.alone(name(), what + ": commits per delivery", per[1], "commits", "xact_commit"),
        Row.alone(name(), what + ": WAL per delivery", per[2], "bytes", "server-wide WAL"));
  }

  /**
   * Lets the backlog of a rate that was not sustained drain before the next measurement, which
   * would otherwise measure behind it (as the burst and the drain did in a full run).
   */
  private static void awaitBacklog(LatencyReceiver receiver, long expected)
      throws InterruptedException {
    long start = System.nanoTime();
    boolean drained = receiver.awaitCount(expected, BACKLOG_NANOS);
    System.out.printf(
        Locale.ROOT,
        "  (backlog %s after %.0f s more: %d of %d)%n",
        drained ? "delivered" : "NOT delivered",
        (System.nanoTime() - start) / 1e9,
        receiver.received(),
        expected);
  }

  private static String target(String store, double rate, int connections) {
    return store.equals("PostgreSQL") && rate == 2_000 && connections == 1
        ? "; target p99 < 50 ms"
        : "";
  }

  record Measured(long expected, long delivered, double deliveredPerSecond, Latency latency) {}

  /**
   * Offers {@code events} at {@code rate} per second (0: all at once) to {@code source} and waits
   * for their {@code connections} deliveries each, up to a minute.
   */
  static Measured offer(
      Hookstream hs,
      String source,
      LatencyReceiver receiver,
      double rate,
      long events,
      int connections)
      throws Exception {
    Latency latency = receiver.reset(System.nanoTime());
    OpenLoop.Result sent =
        OpenLoop.run(SENDERS, rate, events, (n, intended) -> hs.ingest(source, event(intended)));
    long expected = events * connections;
    receiver.awaitCount(expected, DRAIN_NANOS);
    long delivered = receiver.received();
    double elapsed = (receiver.lastReceiptNanos() - sent.startNanos()) / 1e9;
    if (receiver.stale() > 0) {
      System.out.printf(
          Locale.ROOT,
          "  (%d late deliveries of the previous measurement ignored)%n",
          receiver.stale());
    }
    return new Measured(expected, delivered, delivered / elapsed, latency);
  }

  /** A 1 KB payment event stamped with its intended send time. */
  static IngestRequest event(long intendedNanos) {
    return IngestRequest.builder()
        .method("POST")
        .url("http://localhost/bench")
        .header("Content-Type", "application/json")
        .clientIp("127.0.0.1")
        .body(Payloads.json(intendedNanos, Payloads.ONE_KB))
        .build();
  }

  /** The tenant, source and destinations of a scenario. */
  private record Wiring(Scope scope, String source, List<String> destinations) {}

  private static Wiring wire(Hookstream hs, LatencyReceiver receiver, int connections) {
    Scope scope = Engines.tenant(hs);
    String source = Engines.plainSource(hs, scope);
    List<String> destinations = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      String destination =
          hs.destinations()
              .create(
                  scope,
                  DestinationSpec.builder()
                      .name("receiver " + i)
                      .url(receiver.url("/r" + i))
                      .build())
              .id();
      destinations.add(destination);
      ConnectionSpec.Builder c =
          ConnectionSpec.builder().sourceId(source).destinationId(destination);
      if (connections > 1) {
        c.filterRulesJson(FILTER).transformExpression(TRANSFORM);
      }
      hs.connections().create(scope, c.build());
    }
    return new Wiring(scope, source, destinations);
  }

  /** An engine to run a scenario on, and how to read its database work (null: not measured). */
  private record EngineUnderTest(Hookstream.Builder builder, PostgresWork work) {}

  private static EngineUnderTest memoryEngine() {
    return new EngineUnderTest(Engines.memory(), null);
  }

  private EngineUnderTest postgresEngine() {
    Databases.PostgresDatabase db = databases.postgresDatabase();
    CountingDataSource counted = new CountingDataSource(Databases.pool(db.jdbcUrl()));
    JdbcStores stores = JdbcStores.builder(counted.dataSource()).build();
    // The scheduler claims per destination; a store without that cannot deliver.
    stores.store().deliveries().dueDestinations(Instant.now(), 1, List.of());
    return new EngineUnderTest(
        Hookstream.builder()
            .store(stores.store())
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore()),
        new PostgresWork(databases, db.name(), counted));
  }
}
