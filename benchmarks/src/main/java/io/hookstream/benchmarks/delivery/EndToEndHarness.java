package io.hookstream.benchmarks.delivery;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Latency;
import io.hookstream.benchmarks.support.OpenLoop;
import io.hookstream.benchmarks.support.Payloads;
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
      rows.addAll(scenario(mode, "memory", receiver, Engines::memory, 1));
      rows.addAll(scenario(mode, "PostgreSQL", receiver, this::postgresEngine, 1));
      rows.addAll(scenario(mode, "memory", receiver, Engines::memory, 3));
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
      Supplier<Hookstream.Builder> engine,
      int connections)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    String label =
        store
            + (connections == 1
                ? ", 1 connection"
                : ", " + connections + " connections + filters + JSONata");
    Hookstream.Builder builder;
    try {
      builder = engine.get();
    } catch (UnsupportedOperationException e) {
      System.out.println(label + ": not run: " + e.getMessage());
      rows.add(Row.alone(name(), label, Double.NaN, "", "not run: " + e.getMessage()));
      return rows;
    }
    double seconds = mode.quick() ? 3 : 30;
    List<Double> rates = connections == 1 ? List.of(500.0, 2_000.0, 10_000.0) : List.of(2_000.0);
    try (Hookstream hs =
        builder
            .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
            .build()
            .start()) {
      String source = wire(hs, receiver, connections);
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
        Measured m = offer(hs, source, receiver, rate, events, connections);
        kept = m.delivered == m.expected && m.deliveredPerSecond >= 0.9 * rate * connections;
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
    }
    return rows;
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
        OpenLoop.run(
            SENDERS,
            rate,
            events,
            (n, intended) ->
                hs.ingest(
                    source,
                    IngestRequest.builder()
                        .method("POST")
                        .url("http://localhost/bench")
                        .header("Content-Type", "application/json")
                        .clientIp("127.0.0.1")
                        .body(Payloads.json(intended, Payloads.ONE_KB))
                        .build()));
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

  private static String wire(Hookstream hs, LatencyReceiver receiver, int connections) {
    Scope scope = Engines.tenant(hs);
    String source = Engines.plainSource(hs, scope);
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
      ConnectionSpec.Builder c =
          ConnectionSpec.builder().sourceId(source).destinationId(destination);
      if (connections > 1) {
        c.filterRulesJson(FILTER).transformExpression(TRANSFORM);
      }
      hs.connections().create(scope, c.build());
    }
    return source;
  }

  private Hookstream.Builder postgresEngine() {
    JdbcStores stores = JdbcStores.builder(databases.postgres()).build();
    // The scheduler claims per destination; a store without that cannot deliver.
    stores.store().deliveries().dueDestinations(Instant.now(), 1, List.of());
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore());
  }
}
