package io.hookstream.benchmarks.collections;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.collection.ExportFormat;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Collections on PostgreSQL, each figure against a baseline measured in the same run:
 *
 * <ul>
 *   <li>upserts/s of the store's guarded upsert (with its changelog row), four threads over a fifth
 *       as many keys, against the same rows through a bare {@code INSERT ... ON CONFLICT ... DO
 *       UPDATE ... WHERE newer} loop on a plain table;
 *   <li>records/s and peak heap of {@code CollectionService.export} (NDJSON and CSV) against a bare
 *       JDBC cursor writing the same NDJSON lines;
 *   <li>ms per search of a rare term: the store's {@code ILIKE} query with V10's {@code pg_trgm}
 *       GIN index, and a {@code tsvector} GIN full-text query, against the same {@code ILIKE}
 *       without the index (a scan).
 * </ul>
 */
public final class CollectionsHarness implements Harness {

  private static final int THREADS = 4;

  private final Databases databases;

  public CollectionsHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "collections";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    int upserts = mode.quick() ? 5_000 : 100_000;
    int records = mode.quick() ? 20_000 : 1_000_000;
    List<Row> rows = new ArrayList<>();
    DataSource db = databases.postgres();
    JdbcStores stores = JdbcStores.builder(db).build();
    try (Hookstream hs = Engines.jdbc(db).build()) {
      Scope scope = Engines.tenant(hs);
      String src = Engines.plainSource(hs, scope);
      rows.addAll(
          upserts(stores.store(), db, scope, collection(hs, scope, src, "upserts"), upserts));
      Collection exported = collection(hs, scope, src, "export");
      seed(db, scope, exported.id(), records);
      rows.addAll(export(hs, db, scope, exported.id(), records));
      rows.addAll(search(hs, db, scope, exported.id(), records));
    }
    return rows;
  }

  private static Collection collection(Hookstream hs, Scope scope, String src, String name) {
    return hs.collections()
        .create(
            scope, CollectionSpec.builder().name(name).sourceId(src).primaryKeyPath("id").build());
  }

  // ---- upserts ----

  private List<Row> upserts(Store store, DataSource db, Scope scope, Collection c, int n)
      throws Exception {
    int keys = Math.max(1, n / 5);
    Instant base = Instant.parse("2026-03-01T00:00:00Z");
    double ours =
        parallelRate(
            n,
            i ->
                store
                    .collections()
                    .upsert(
                        new CollectionEntry(
                            String.format(Locale.ROOT, "rec_%032x", i),
                            c.id(),
                            scope.orgId(),
                            scope.envId(),
                            "k" + (i % keys),
                            body(i),
                            base.plusMillis(i),
                            String.format(Locale.ROOT, "evt_%032x", i),
                            Instant.now()),
                        String.format(Locale.ROOT, "cl_%032x", i)));
    try (Connection conn = db.getConnection();
        Statement st = conn.createStatement()) {
      st.execute(
          "CREATE TABLE bare_records (collection_id text, record_key text, data jsonb,"
              + " source_event_at timestamptz, event_id text,"
              + " PRIMARY KEY (collection_id, record_key))");
    }
    String sql =
        "INSERT INTO bare_records AS r VALUES (?, ?, CAST(? AS jsonb), ?, ?)"
            + " ON CONFLICT (collection_id, record_key) DO UPDATE SET data = EXCLUDED.data,"
            + " source_event_at = EXCLUDED.source_event_at, event_id = EXCLUDED.event_id"
            + " WHERE EXCLUDED.source_event_at > r.source_event_at";
    double bare =
        parallelRate(
            n,
            i -> {
              try (Connection conn = db.getConnection();
                  PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, c.id());
                ps.setString(2, "k" + (i % keys));
                ps.setString(3, body(i));
                ps.setTimestamp(4, Timestamp.from(base.plusMillis(i)));
                ps.setString(5, "evt_" + i);
                ps.executeUpdate();
              }
            });
    System.out.printf(
        Locale.ROOT,
        "upserts: %d over %d keys, %d threads: %.0f/s (store) vs %.0f/s (bare ON CONFLICT)%n",
        n,
        keys,
        THREADS,
        ours,
        bare);
    return List.of(
        Row.of(
            name(),
            "upserts/s (guarded upsert + changelog)",
            ours,
            bare,
            "/s",
            "bare: ON CONFLICT loop"));
  }

  private static String body(int i) {
    return "{\"id\":\"k" + i + "\",\"v\":" + i + ",\"name\":\"customer " + i + "\"}";
  }

  /** Runs {@code op(0..n-1)} on {@link #THREADS} threads; operations per second. */
  private static double parallelRate(int n, IntOp op) throws Exception {
    AtomicLong next = new AtomicLong();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          () -> {
            for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              op.run((int) i);
            }
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long t0 = System.nanoTime();
    try {
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  @FunctionalInterface
  private interface IntOp {
    void run(int i) throws Exception;
  }

  // ---- export ----

  private static void seed(DataSource db, Scope scope, String collectionId, int n)
      throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO hs_collection_records (collection_id, record_key, id, org_id, env_id,"
                    + " data, data_bytes, source_event_at, event_id, synced_at)"
                    + " SELECT ?, 'k' || lpad(g::text, 8, '0'), 'rec_' || g, ?, ?,"
                    + " jsonb_build_object('id', g, 'name', 'customer ' || g, 'plan', 'pro',"
                    + " 'address', jsonb_build_object('city', 'Berlin, Mitte', 'zip', g % 100000),"
                    + " 'tags', jsonb_build_array('a', 'b')), 120, now(), 'evt_' || g, now()"
                    + " FROM generate_series(1, ?) g")) {
      ps.setString(1, collectionId);
      ps.setString(2, scope.orgId());
      ps.setString(3, scope.envId());
      ps.setInt(4, n);
      ps.executeUpdate();
    }
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ANALYZE hs_collection_records");
    }
  }

  private List<Row> export(Hookstream hs, DataSource db, Scope scope, String col, int n)
      throws Exception {
    Measured ndjson = measure(out -> hs.collections().export(scope, col, ExportFormat.NDJSON, out));
    Measured csv = measure(out -> hs.collections().export(scope, col, ExportFormat.CSV, out));
    Measured bare =
        measure(
            out -> {
              try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT record_key, CAST(data AS text) FROM hs_collection_records"
                            + " WHERE collection_id = ? ORDER BY record_key")) {
                  ps.setFetchSize(1000);
                  ps.setString(1, col);
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.write(
                          ("{\"primary_key\":\""
                                  + rs.getString(1)
                                  + "\",\"data\":"
                                  + rs.getString(2)
                                  + "}\n")
                              .getBytes(StandardCharsets.UTF_8));
                    }
                  }
                }
                c.commit();
              }
            });
    System.out.printf(
        Locale.ROOT,
        "export of %d records: ndjson %.0f rec/s, peak heap +%.0f MB, %d MB out; csv %.0f rec/s,"
            + " +%.0f MB; bare JDBC cursor %.0f rec/s, +%.0f MB%n",
        n,
        n / ndjson.seconds,
        ndjson.peakMb,
        ndjson.bytes >> 20,
        n / csv.seconds,
        csv.peakMb,
        n / bare.seconds,
        bare.peakMb);
    return List.of(
        Row.of(
            name(),
            "export ndjson records/s",
            n / ndjson.seconds,
            n / bare.seconds,
            "/s",
            n + " records; bare: JDBC cursor"),
        Row.of(
            name(),
            "export csv records/s (two passes)",
            n / csv.seconds,
            n / bare.seconds,
            "/s",
            "bare: JDBC cursor (ndjson)"),
        Row.of(
            name(),
            "export ndjson peak heap growth",
            ndjson.peakMb,
            bare.peakMb,
            "MB",
            "sampled every 2 ms; bare: JDBC cursor"));
  }

  private record Measured(double seconds, double peakMb, long bytes) {}

  @FunctionalInterface
  private interface Export {
    void to(OutputStream out) throws Exception;
  }

  /** Times one export into a counting sink while a thread samples the used heap. */
  private static Measured measure(Export export) throws Exception {
    System.gc();
    var memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    CountingSink sink = new CountingSink();
    long t0 = System.nanoTime();
    try {
      export.to(sink);
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    return new Measured(
        (System.nanoTime() - t0) / 1e9, (peak.get() - before) / 1048576.0, sink.bytes);
  }

  /** Counts what is written and keeps none of it. */
  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  // ---- search ----

  private List<Row> search(Hookstream hs, DataSource db, Scope scope, String col, int n)
      throws Exception {
    String term = "customer " + (n - 7); // one record, near the end of key order
    int runs = 10;
    Query store = () -> hs.collections().records(scope, col, term, PageRequest.first(20));
    double trigram = msPerSearch(runs, store); // V10's pg_trgm index, where it could be created
    double scan;
    double fullText;
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP INDEX IF EXISTS hs_collection_records_search");
      scan = msPerSearch(runs, store);
      st.execute(
          "CREATE INDEX bench_fts ON hs_collection_records USING gin"
              + " (jsonb_to_tsvector('simple'::regconfig, data, '[\"string\", \"numeric\"]'::jsonb))");
      st.execute("ANALYZE hs_collection_records");
      fullText = msPerSearch(runs, () -> fullText(db, col, term));
    }
    System.out.printf(
        Locale.ROOT,
        "search '%s' in %d records: store ILIKE with pg_trgm GIN %.1f ms; ILIKE scan %.1f ms;"
            + " tsvector GIN %.1f ms%n",
        term,
        n,
        trigram,
        scan,
        fullText);
    return List.of(
        Row.of(
            name(),
            "search ms, store (ILIKE, pg_trgm GIN)",
            trigram,
            scan,
            "ms",
            "baseline: ILIKE scan"),
        Row.of(
            name(),
            "search ms, tsvector GIN (not chosen)",
            fullText,
            scan,
            "ms",
            "baseline: ILIKE scan"));
  }

  /** The full-text alternative: words of the record's values, through a tsvector GIN index. */
  private static void fullText(DataSource db, String col, String term) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT record_key FROM (SELECT record_key FROM hs_collection_records"
                    + " WHERE collection_id = ? AND jsonb_to_tsvector('simple'::regconfig, data,"
                    + " '[\"string\", \"numeric\"]'::jsonb) @@ plainto_tsquery('simple'::regconfig, ?)"
                    + " OFFSET 0) found ORDER BY record_key LIMIT 21")) {
      ps.setString(1, col);
      ps.setString(2, term);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    }
  }

  @FunctionalInterface
  private interface Query {
    void run() throws Exception;
  }

  private static double msPerSearch(int runs, Query q) throws Exception {
    q.run(); // warm-up
    long t0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      q.run();
    }
    return (System.nanoTime() - t0) / 1e6 / runs;
  }
}
