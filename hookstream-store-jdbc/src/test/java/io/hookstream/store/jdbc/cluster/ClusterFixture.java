package io.hookstream.store.jdbc.cluster;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Engine instances ("nodes") sharing one PostgreSQL database, each with its own connection pool as
 * separate processes would have, plus the SQL the cluster tests check the outcome with.
 */
final class ClusterFixture {

  static final String EVENT_ID_HEADER = "X-hookstream-Event-Id";

  private ClusterFixture() {}

  /** Starts a node on {@code dataSource}: JDBC store, KV and blobs, the HTTP destination type. */
  static Hookstream node(DataSource dataSource, Clock clock, String id, int deliveryThreads) {
    JdbcStores stores = JdbcStores.builder(dataSource).clock(clock).build();
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore())
        .clock(clock)
        .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build())
        .nodeId(id)
        .delivery(deliveryThreads, Duration.ofSeconds(60), Duration.ofMillis(50))
        .recoveryInterval(Duration.ofSeconds(1))
        .build()
        .start();
  }

  /** Creates a tenant and a source connected to {@code receiver}; returns the source id. */
  static String sourceToReceiver(Hookstream node, WebhookReceiver receiver, int maxInFlight) {
    var org = node.organizations().create("cluster");
    Scope scope = node.organizations().createEnvironment(org.id(), "test").scope();
    String source = node.sources().create(scope, SourceSpec.builder().name("in").build()).id();
    String destination =
        node.destinations()
            .create(
                scope,
                DestinationSpec.builder()
                    .name("receiver")
                    .url(receiver.url("/hooks"))
                    .maxInFlight(maxInFlight)
                    .build())
            .id();
    node.connections()
        .create(
            scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    return source;
  }

  /** What a round of ingests gave: accepted event ids and refusals with their errors. */
  record Ingested(List<String> accepted, List<HookstreamException> refused) {}

  /**
   * Ingests {@code count} events from {@code threads} threads, event {@code i} through node {@code
   * i % nodes.size()}; waits at most {@code timeout}.
   */
  static Ingested ingest(
      List<Hookstream> nodes, String source, int count, int threads, Duration timeout)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Ingested>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(
            pool.submit(
                () -> {
                  List<String> ok = new ArrayList<>();
                  List<HookstreamException> refused = new ArrayList<>();
                  for (int i = first; i < count; i += threads) {
                    try {
                      ok.add(
                          nodes
                              .get(i % nodes.size())
                              .ingest(source, IngestRequest.json("{\"n\":" + i + "}"))
                              .eventId());
                    } catch (HookstreamException e) {
                      refused.add(e);
                    }
                  }
                  return new Ingested(ok, refused);
                }));
      }
      List<String> accepted = new ArrayList<>();
      List<HookstreamException> refused = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<Ingested> part : parts) {
        Ingested got = part.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        accepted.addAll(got.accepted());
        refused.addAll(got.refused());
      }
      return new Ingested(accepted, refused);
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many requests the receiver got per event id. */
  static Map<String, Integer> deliveriesPerEvent(WebhookReceiver receiver) {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : receiver.requests()) {
      counts.merge(r.header(EVENT_ID_HEADER), 1, Integer::sum);
    }
    return counts;
  }

  /** Requests beyond the first per event. */
  static int duplicates(Map<String, Integer> perEvent) {
    return perEvent.values().stream().mapToInt(n -> n - 1).sum();
  }

  /** One number from {@code sql}. */
  static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Polls {@code condition} every 20 ms until it holds; AssertionError after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  /** Up to {@code n} ids of events not yet {@code delivered}. */
  static List<String> undelivered(DataSource ds, int n) {
    List<String> ids = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id FROM hs_events WHERE status <> 'delivered'"
                    + " ORDER BY id LIMIT "
                    + n)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** What the database holds about {@code eventIds}, for failure messages. */
  static String describe(DataSource ds, List<String> eventIds) {
    StringBuilder out = new StringBuilder();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String id : eventIds) {
        out.append("\n").append(id).append(": ");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT status, routed_at, received_at FROM hs_events"
                    + " WHERE id = '"
                    + id
                    + "'")) {
          out.append(
              rs.next()
                  ? rs.getString(1) + " routed " + rs.getString(2) + " received " + rs.getString(3)
                  : "NOT STORED");
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT status, attempts, next_attempt_at,"
                    + " lease_owner, lease_expires_at FROM hs_delivery_tasks WHERE event_id = '"
                    + id
                    + "'")) {
          while (rs.next()) {
            out.append(" | task ")
                .append(rs.getString(1))
                .append(" attempts ")
                .append(rs.getInt(2))
                .append(" next ")
                .append(rs.getString(3))
                .append(" lease ")
                .append(rs.getString(4))
                .append(" until ")
                .append(rs.getString(5));
          }
        }
      }
    } catch (SQLException e) {
      out.append(" (").append(e.getMessage()).append(')');
    }
    return out.toString();
  }

  /** {@link #count} for use in {@link #await} conditions. */
  static long countUnchecked(DataSource ds, String sql) {
    try {
      return count(ds, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
