package io.hookstream.benchmarks.durable;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.ClosedLoop;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Harness 2: durable ingest on PostgreSQL against a bare JDBC loop. Both sides run the same
 * number of threads in a closed loop over the same kind of connection pool on the same server,
 * and both commit every event on its own before the call returns (auto-commit, one transaction
 * per event): hookstream through {@link Hookstream#ingest} (pipeline, then the event row), the
 * bare loop with one INSERT of a row carrying the same 1 KB body and a header map.
 */
public final class DurableIngestHarness implements Harness {

  private static final String HEADERS =
      "{\"content-type\":[\"application/json\"],\"user-agent\":[\"bench/1.0\"]}";

  private final Databases databases;

  public DurableIngestHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "durable";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    int threads = 16;
    long calls = mode.quick() ? 10_000 : 100_000;
    long warmup = calls / 5;
    byte[] body = Payloads.json(7, Payloads.ONE_KB);

    DataSource bareDb = databases.postgres();
    createBareTable(bareDb);
    ClosedLoop.run(threads, warmup, n -> insertBare(bareDb, body));
    ClosedLoop.Result bare = ClosedLoop.run(threads, calls, n -> insertBare(bareDb, body));
    report("bare JDBC INSERT", bare);

    JdbcStores stores = JdbcStores.builder(databases.postgres()).build();
    ClosedLoop.Result ours;
    try (Hookstream hs = Hookstream.builder().store(stores.store())
        .keyValueStore(stores.keyValueStore()).blobStore(stores.blobStore()).build().start()) {
      String source = Engines.plainSource(hs, Engines.tenant(hs));
      IngestRequest request = IngestRequest.builder().method("POST")
          .url("http://localhost/ingest/" + source).header("Content-Type", "application/json")
          .header("User-Agent", "bench/1.0").body(body).clientIp("127.0.0.1").build();
      ClosedLoop.run(threads, warmup, n -> hs.ingest(source, request));
      ours = ClosedLoop.run(threads, calls, n -> hs.ingest(source, request));
      report("hookstream ingest", ours);
    }
    String note = threads + " threads, " + calls + " events, 1 commit per event";
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(name(), "PostgreSQL ingest throughput", ours.perSecond(), bare.perSecond(),
        "events/s", note + "; target ratio >= 0.5"));
    rows.add(Row.of(name(), "PostgreSQL ingest p50", ours.latency().millis(50),
        bare.latency().millis(50), "ms", "closed loop: service time"));
    rows.add(Row.of(name(), "PostgreSQL ingest p99", ours.latency().millis(99),
        bare.latency().millis(99), "ms", "closed loop: service time"));
    return rows;
  }

  private static void report(String what, ClosedLoop.Result r) {
    System.out.printf(Locale.ROOT, "%-18s %,10.0f events/s  %s%n", what, r.perSecond(),
        r.latency());
  }

  /** A table shaped like the event row's payload, with only a primary key. */
  private static void createBareTable(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE bare_events (id text PRIMARY KEY, source_id text NOT NULL,"
          + " headers json NOT NULL, body bytea NOT NULL, received_at timestamptz NOT NULL)");
    }
  }

  private static void insertBare(DataSource ds, byte[] body) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO bare_events"
            + " (id, source_id, headers, body, received_at) VALUES (?, ?, ?::json, ?, ?)")) {
      c.setAutoCommit(true);
      ps.setString(1, "evt_" + UUID.randomUUID().toString().replace("-", ""));
      ps.setString(2, "src_bench");
      ps.setString(3, HEADERS);
      ps.setBytes(4, body);
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
  }
}
