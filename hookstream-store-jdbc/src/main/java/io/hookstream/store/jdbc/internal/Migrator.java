package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL scripts of a dialect that the database does not have yet, under a
 * cross-process lock, and records each in {@code <prefix>schema_version}. Two instances that start
 * together: one migrates, the other waits for the lock and then finds nothing to do.
 */
public final class Migrator {

  /** The scripts, oldest first; version n is element n-1. */
  public static final List<String> SCRIPTS =
      List.of(
          "V1__init.sql",
          "V2__kv_and_blobs.sql",
          "V3__destination_claims.sql",
          "V4__due_destinations.sql",
          "V5__nodes.sql",
          "V6__drop_unused_due_index.sql",
          "V7__ordering_keys.sql",
          "V8__topics.sql",
          "V9__replay_jobs.sql",
          "V10__leases_by_sequence.sql",
          "V11__test_sessions.sql",
          "V12__scheduled_sends.sql",
          "V13__metrics_rollups.sql",
          "V14__collections.sql",
          "V15__alerts.sql");

  public static final int LATEST_VERSION = SCRIPTS.size();

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final String RESOURCE_ROOT = "/io/hookstream/store/jdbc/migrations/";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String prefix;

  public Migrator(DataSource dataSource, Dialect dialect, String prefix) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.prefix = prefix;
  }

  /** Migrates to the latest version. */
  public void migrate() {
    migrateTo(LATEST_VERSION);
  }

  /** Migrates up to {@code target} (tests use it to start on an older schema). */
  public void migrateTo(int target) {
    if (target < 1 || target > LATEST_VERSION) {
      throw new IllegalArgumentException("no schema version " + target);
    }
    try (Connection lock = dataSource.getConnection();
        Connection work = dataSource.getConnection()) {
      dialect.acquireMigrationLock(lock, prefix);
      try {
        applyMissing(work, target);
      } catch (SQLException | RuntimeException e) {
        lock.rollback(); // releases the lock
        lock.setAutoCommit(true);
        throw e;
      }
      dialect.releaseMigrationLock(lock, prefix);
    } catch (SQLException e) {
      throw Jdbc.translate(e);
    }
  }

  /** The highest applied version, 0 for an empty database. */
  public int currentVersion() {
    try (Connection c = dataSource.getConnection()) {
      return currentVersion(c);
    } catch (SQLException e) {
      throw Jdbc.translate(e);
    }
  }

  private int currentVersion(Connection c) throws SQLException {
    if (!versionTableExists(c)) {
      return 0;
    }
    List<Integer> max =
        Jdbc.query(c, "SELECT MAX(version) AS v FROM " + versionTable(), rs -> rs.getInt("v"));
    return max.isEmpty() ? 0 : max.get(0);
  }

  private boolean versionTableExists(Connection c) throws SQLException {
    String name = versionTable();
    for (String candidate : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
      try (var rs = c.getMetaData().getTables(null, null, candidate, new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || schema.equalsIgnoreCase(c.getSchema())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void applyMissing(Connection c, int target) throws SQLException {
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + versionTable()
              + " (version INTEGER PRIMARY KEY,"
              + " script VARCHAR(200) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    int current = currentVersion(c);
    for (int version = current + 1; version <= target; version++) {
      String script = SCRIPTS.get(version - 1);
      LOG.info("Applying hookstream schema {} ({}) with prefix '{}'", version, script, prefix);
      apply(c, version, script);
    }
  }

  private void apply(Connection c, int version, String script) throws SQLException {
    List<String> statements = statements(load(script));
    boolean tx = dialect.transactionalDdl();
    c.setAutoCommit(!tx);
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
      Jdbc.update(
          c,
          "INSERT INTO "
              + versionTable()
              + " (version, script, installed_at)"
              + " VALUES (?, ?, ?)",
          version,
          script,
          Instant.now());
      if (tx) {
        c.commit();
      }
    } catch (SQLException e) {
      if (tx) {
        c.rollback();
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private String versionTable() {
    return prefix + "schema_version";
  }

  /** The script text with the table prefix substituted. */
  public String load(String script) {
    String path = RESOURCE_ROOT + dialect.migrationFolder() + "/" + script;
    try (InputStream in = Migrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix);
    } catch (IOException e) {
      throw new HookstreamException(ErrorCode.INTERNAL, "cannot read " + path, e);
    }
  }

  /** Splits a script into statements: comment lines dropped, a ';' at a line end ends one. */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        result.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }
}
