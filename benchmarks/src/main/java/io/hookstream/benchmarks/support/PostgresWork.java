package io.hookstream.benchmarks.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * What one PostgreSQL database did over a phase: the statements an engine sent through a {@link
 * CountingDataSource}, and, from the server's statistics, the transactions committed in that
 * database ({@code pg_stat_database.xact_commit}, read-only ones included) and the WAL written
 * (server-wide). The server figures are read on a connection to the maintenance database, so
 * reading them adds no commit to the database measured. Thread-safe.
 */
public final class PostgresWork {

  /** PostgreSQL (15+) backends publish their counters at the latest 10 s after going idle. */
  private static final long STATS_FLUSH_MILLIS = 11_000;

  private final Databases databases;
  private final String database;
  private final CountingDataSource counted;

  public PostgresWork(Databases databases, String database, CountingDataSource counted) {
    this.databases = databases;
    this.database = database;
    this.counted = counted;
  }

  /** Counters at one instant; {@link #minus} gives a phase. */
  public record Reading(long statements, long commits, long walBytes) {

    public Reading minus(Reading earlier) {
      return new Reading(
          statements - earlier.statements, commits - earlier.commits, walBytes - earlier.walBytes);
    }

    /** Each counter divided by {@code units}, such as the deliveries of the phase. */
    public double[] per(long units) {
      return new double[] {
        statements / (double) units, commits / (double) units, walBytes / (double) units
      };
    }
  }

  /**
   * Statements and WAL now, then commits once the backends have published theirs: the commit count
   * may include up to 11 s of the engine's idle polling after "now", a few dozen transactions at
   * most.
   */
  public Reading read() throws SQLException, InterruptedException {
    long statements = counted.statements();
    long wal = walBytes();
    TimeUnit.MILLISECONDS.sleep(STATS_FLUSH_MILLIS);
    return new Reading(statements, commits(), wal);
  }

  /** Starts sampling what the database's sessions wait on, until the sampler is closed. */
  public WaitSampler sampleWaits() {
    return new WaitSampler(databases, database);
  }

  private long walBytes() throws SQLException {
    try (Connection c = databases.serverConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long commits() throws SQLException {
    try (Connection c = databases.serverConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
