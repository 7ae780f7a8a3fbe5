package io.hookstream.benchmarks.durable;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.ClosedLoop;
import io.hookstream.benchmarks.support.CountingDataSource;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Harness 2: durable ingest on PostgreSQL against a bare JDBC loop. Both sides run the same number
 * of threads in a closed loop over the same kind of connection pool on the same server, and both
 * commit every event on its own before the call returns (auto-commit, one transaction per event):
 * hookstream through {@link Hookstream#ingest} (pipeline, then the event row), the bare loop with
 * one INSERT of a row carrying the same 1 KB body and a header map.
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

    // The bare loop runs before and after hookstream, and the faster run is the baseline, so
    // that neither a cold start nor a warmed-up server favours hookstream's ratio.
    CountingDataSource bareDb = new CountingDataSource(databases.postgres());
    createBareTable(bareDb.dataSource());
    Loop bareBefore =
        runBare("bare JDBC INSERT", bareDb, threads, calls, warmup, ds -> insertBare(ds, body));
    Run grouped =
        runHookstream(
            threads,
            calls,
            warmup,
            body,
            JdbcStores.DEFAULT_GROUP_COMMIT_ROWS,
            "hookstream ingest");
    Run ungrouped =
        runHookstream(threads, calls, warmup, body, 1, "hookstream ingest, group commit off");
    // Where the rest goes: the same bare loop into a copy of hookstream's event table (all its
    // columns and indexes), so the schema's cost shows apart from the engine's.
    CountingDataSource schemaDb = new CountingDataSource(databases.postgres());
    createSchemaTable(schemaDb.dataSource());
    Loop schemaLoop =
        runBare(
            "bare JDBC INSERT, hookstream's event table",
            schemaDb,
            threads,
            calls,
            warmup,
            ds -> insertSchemaRow(ds, body));
    ClosedLoop.Result schema = schemaLoop.result();
    Loop bareAfter =
        runBare(
            "bare JDBC INSERT, again", bareDb, threads, calls, warmup, ds -> insertBare(ds, body));
    Loop bareLoop =
        bareBefore.result().perSecond() >= bareAfter.result().perSecond() ? bareBefore : bareAfter;
    ClosedLoop.Result bare = bareLoop.result();
    Work bareWork = bareLoop.work();

    ClosedLoop.Result ours = grouped.result();
    Work ourWork = grouped.work();
    double drainSeconds = grouped.drainSeconds();
    String note = threads + " threads, " + calls + " events, each committed before it returns";
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.of(
            name(),
            "PostgreSQL ingest throughput",
            ours.perSecond(),
            bare.perSecond(),
            "events/s",
            note + "; target ratio >= 0.5"));
    rows.add(
        Row.of(
            name(),
            "bare JDBC into hookstream's event table",
            schema.perSecond(),
            bare.perSecond(),
            "events/s",
            "same loop, a copy of hs_events (all columns and its 5"
                + " indexes); ratio = the schema's cost"));
    rows.add(
        Row.of(
            name(),
            "PostgreSQL ingest vs bare JDBC into its event table",
            ours.perSecond(),
            schema.perSecond(),
            "events/s",
            "ratio = the engine's cost beyond" + " the schema"));
    rows.add(
        Row.of(
            name(),
            "PostgreSQL ingest, routing included",
            calls / (ours.elapsedNanos() / 1e9 + drainSeconds),
            bare.perSecond(),
            "events/s",
            "until no event is left unrouted (ingest routes; a background thread only on failure)"));
    rows.add(
        Row.of(
            name(),
            "group commit: throughput with / without",
            ours.perSecond(),
            ungrouped.result().perSecond(),
            "events/s",
            "same engine, JdbcStores.groupCommitRows "
                + JdbcStores.DEFAULT_GROUP_COMMIT_ROWS
                + " vs 1; ratio = the effect of grouping"));
    rows.add(
        Row.of(
            name(),
            "group commit: statements per event with / without",
            ourWork.statements,
            ungrouped.work().statements,
            "statements",
            "routing included"));
    rows.add(
        Row.of(
            name(),
            "PostgreSQL ingest p50",
            ours.latency().millis(50),
            bare.latency().millis(50),
            "ms",
            "closed loop: service time"));
    rows.add(
        Row.of(
            name(),
            "PostgreSQL ingest p99",
            ours.latency().millis(99),
            bare.latency().millis(99),
            "ms",
            "closed loop: service time"));
    rows.add(
        Row.of(
            name(),
            "SQL statements per event",
            ourWork.statements,
            bareWork.statements,
            "statements",
            "hookstream's include routing"));
    rows.add(
        Row.of(
            name(),
            "WAL per event",
            ourWork.walBytes,
            bareWork.walBytes,
            "bytes",
            String.format(
                Locale.ROOT, "unrouted events drained %.2f s after the run", drainSeconds)));
    return rows;
  }

  /** One measured bare loop and its database work. */
  private record Loop(ClosedLoop.Result result, Work work) {}

  /** An INSERT of one row on {@code ds}, auto-committed. */
  private interface Insert {
    void run(DataSource ds) throws SQLException;
  }

  private static Loop runBare(
      String label, CountingDataSource db, int threads, long calls, long warmup, Insert insert)
      throws Exception {
    ClosedLoop.run(threads, warmup, n -> insert.run(db.dataSource()));
    Work work = Work.start(db);
    ClosedLoop.Result result = ClosedLoop.run(threads, calls, n -> insert.run(db.dataSource()));
    work = work.end(calls);
    report(label, result, work);
    return new Loop(result, work);
  }

  /** One measured hookstream run: the closed loop, its database work, the routing drain time. */
  private record Run(ClosedLoop.Result result, Work work, double drainSeconds) {}

  private Run runHookstream(
      int threads, long calls, long warmup, byte[] body, int groupCommitRows, String label)
      throws Exception {
    CountingDataSource db = new CountingDataSource(databases.postgres());
    try (Hookstream hs = Engines.jdbc(db.dataSource(), groupCommitRows).build().start()) {
      String source = Engines.plainSource(hs, Engines.tenant(hs));
      IngestRequest request =
          IngestRequest.builder()
              .method("POST")
              .url("http://localhost/ingest/" + source)
              .header("Content-Type", "application/json")
              .header("User-Agent", "bench/1.0")
              .body(body)
              .clientIp("127.0.0.1")
              .build();
      ClosedLoop.run(threads, warmup, n -> hs.ingest(source, request));
      drain(db.dataSource());
      Work work = Work.start(db);
      ClosedLoop.Result result = ClosedLoop.run(threads, calls, n -> hs.ingest(source, request));
      long t0 = System.nanoTime();
      drain(db.dataSource());
      double drainSeconds = (System.nanoTime() - t0) / 1e9;
      work = work.end(calls);
      report(label, result, work);
      System.out.printf(
          Locale.ROOT,
          "no event left unrouted %.2f s after the last ingest" + " returned%n",
          drainSeconds);
      return new Run(result, work, drainSeconds);
    }
  }

  /**
   * Waits until no stored event is left unrouted (ingest routes each event in its own write; a
   * background thread routes only what failed there), polling gently: the count competes for the
   * same CPUs.
   */
  private static void drain(DataSource ds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT count(*) FROM hs_events WHERE routed_at IS NULL")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("routing did not drain within 120 s");
  }

  /** Database work per event over a run: statements sent and write-ahead log written. */
  private record Work(
      CountingDataSource db, long statements0, long wal0, double statements, double walBytes) {

    static Work start(CountingDataSource db) throws SQLException {
      return new Work(db, db.statements(), wal(db.dataSource()), 0, 0);
    }

    Work end(long events) throws SQLException {
      long statementsNow = db.statements();
      long walNow = wal(db.dataSource());
      return new Work(
          db,
          statementsNow,
          walNow,
          (statementsNow - statements0) / (double) events,
          (walNow - wal0) / (double) events);
    }

    private static long wal(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void report(String what, ClosedLoop.Result r, Work work) {
    System.out.printf(
        Locale.ROOT,
        "%-42s %,10.0f events/s  %s; %.2f statements and %,.0f WAL" + " bytes per event%n",
        what,
        r.perSecond(),
        r.latency(),
        work.statements,
        work.walBytes);
  }

  /** A table shaped like the event row's payload, with only a primary key. */
  private static void createBareTable(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE bare_events (id text PRIMARY KEY, source_id text NOT NULL,"
              + " headers json NOT NULL, body bytea NOT NULL, received_at timestamptz NOT NULL)");
    }
  }

  /** hookstream's event table, indexes included, created by its own migrations. */
  private static void createSchemaTable(DataSource ds) throws SQLException {
    JdbcStores.builder(ds).build();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE schema_events (LIKE hs_events INCLUDING ALL)");
    }
  }

  /** A row as hookstream stores an ingested event: every column it fills. */
  private static void insertSchemaRow(DataSource ds, byte[] body) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO schema_events (id, org_id,"
                    + " env_id, source_id, method, path, headers, query, content_type, source_ip,"
                    + " body_size, body, body_sha256, status, dedup_status, verification_status,"
                    + " received_at, routed_at, updated_at) VALUES (?, ?, ?, ?, 'POST', ?, ?::json,"
                    + " '{}'::json, 'application/json', '127.0.0.1', ?, ?, ?, 'received', 'unique',"
                    + " 'unverified', ?, ?, ?)")) {
      c.setAutoCommit(true);
      Timestamp now = Timestamp.from(Instant.now());
      ps.setString(1, "evt_" + UUID.randomUUID().toString().replace("-", ""));
      ps.setString(2, "org_bench");
      ps.setString(3, "env_bench");
      ps.setString(4, "src_bench");
      ps.setString(5, "/ingest/src_bench");
      ps.setString(6, HEADERS);
      ps.setLong(7, body.length);
      ps.setBytes(8, body);
      ps.setString(9, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      ps.setTimestamp(10, now);
      ps.setTimestamp(11, now);
      ps.setTimestamp(12, now);
      ps.executeUpdate();
    }
  }

  private static void insertBare(DataSource ds, byte[] body) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO bare_events"
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
