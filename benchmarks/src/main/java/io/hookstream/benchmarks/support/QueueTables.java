package io.hookstream.benchmarks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads the vacuum statistics of the delivery queue's tables ({@code pg_stat_user_tables}: every
 * {@code hs_} table whose name holds "task" or "lease", so a lease table split off the task table
 * is counted too) on a connection of its own, outside any pool the engine uses.
 */
public final class QueueTables {

  private final String jdbcUrl;

  public QueueTables(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * The queue tables' statistics summed: dead tuples now, and updates (all, and heap-only ones)
   * since the database was created. PostgreSQL publishes them with a lag of about a second.
   */
  public record Stats(long deadTuples, long updates, long hotUpdates) {

    /** Heap-only updates (no index entry written) as a share of all updates; NaN without any. */
    public double hotRatio() {
      return updates == 0 ? Double.NaN : hotUpdates / (double) updates;
    }

    public Stats since(Stats earlier) {
      return new Stats(deadTuples, updates - earlier.updates, hotUpdates - earlier.hotUpdates);
    }
  }

  public Stats read() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT coalesce(sum(n_dead_tup), 0), coalesce(sum(n_tup_upd), 0),"
                    + " coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables"
                    + " WHERE relname LIKE 'hs\\_%' AND (relname LIKE '%task%'"
                    + " OR relname LIKE '%lease%')")) {
      rs.next();
      return new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }
  }
}
