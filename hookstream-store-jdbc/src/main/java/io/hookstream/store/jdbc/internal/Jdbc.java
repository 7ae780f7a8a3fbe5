package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC plumbing: borrows a connection per call, binds parameters by Java type, maps rows,
 * runs transactions, and turns {@link SQLException}s into {@link HookstreamException}s (UNAVAILABLE
 * for connection and transient failures, CONFLICT for unique-key clashes, BAD_REQUEST for values a
 * column refuses, INTERNAL otherwise). Thread-safe.
 */
public final class Jdbc {

  /** Reads one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return withConnection(c -> query(c, sql, mapper, params));
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public int update(String sql, Object... params) {
    return withConnection(c -> update(c, sql, params));
  }

  /** An update whose unique-key clash is reported as CONFLICT with {@code conflictMessage}. */
  public int updateOrConflict(String conflictMessage, String sql, Object... params) {
    try {
      return update(sql, params);
    } catch (HookstreamException e) {
      if (e.getCause() instanceof SQLException sql2 && isUniqueViolation(sql2)) {
        throw new HookstreamException(ErrorCode.CONFLICT, conflictMessage, e.getCause());
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} on a borrowed connection in auto-commit mode (whatever the pool's default),
   * restoring the connection's mode before it goes back.
   */
  public <T> T withConnection(ConnectionWork<T> work) {
    try (Connection c = connect()) {
      try {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
          c.setAutoCommit(true);
        }
        try {
          return work.run(c);
        } finally {
          if (!autoCommit) {
            c.setAutoCommit(false);
          }
        }
      } catch (SQLException e) {
        throw lost(c) ? unavailable(e) : translate(e);
      }
    } catch (SQLException e) { // closing the connection failed
      throw translate(e);
    }
  }

  /**
   * Whether {@code c} died under the failed call (server shutdown, network): then the failure is
   * UNAVAILABLE whatever the driver's SQLState says.
   */
  private static boolean lost(Connection c) {
    try {
      return c.isClosed() || !c.isValid(1);
    } catch (SQLException e) {
      return true;
    }
  }

  private static HookstreamException unavailable(SQLException e) {
    return isUniqueViolation(e)
        ? translate(e)
        : new HookstreamException(
            ErrorCode.UNAVAILABLE, "database unavailable: " + e.getMessage(), e);
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(ConnectionWork<T> work) {
    return withConnection(
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  private Connection connect() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new HookstreamException(
          ErrorCode.UNAVAILABLE, "database unavailable: " + e.getMessage(), e);
    }
  }

  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** Runs {@code sql} once per row of parameters as one JDBC batch. */
  public static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    batchCounts(c, sql, rows);
  }

  /** Like {@link #batch}, and says how many rows each set of parameters changed. */
  public static int[] batchCounts(Connection c, String sql, List<Object[]> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  /** Binds {@code params} by type; Instants become UTC {@link OffsetDateTime}s. */
  public static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        ps.setNull(index, Types.NULL);
      } else if (p instanceof Instant instant) {
        ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
      } else if (p instanceof byte[] bytes) {
        ps.setBytes(index, bytes);
      } else if (p instanceof String s) {
        ps.setString(index, s);
      } else if (p instanceof Enum<?> e) {
        ps.setString(index, e.name());
      } else {
        ps.setObject(index, p);
      }
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /** A LIKE pattern (with ESCAPE '\\') matching strings that start with {@code prefix}. */
  public static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /**
   * Whether {@code e} is a conflict with a concurrent transaction (a deadlock or a serialization
   * failure, SQLState class 40): worth retrying at once, unlike a lost connection.
   */
  static boolean conflict(HookstreamException e) {
    return e.getCause() instanceof SQLException s && firstState(s).startsWith("40");
  }

  /** The first SQLState in the chain of causes and next exceptions, or "". */
  private static String firstState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          if (n.getSQLState() != null) {
            return n.getSQLState();
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return "";
  }

  public static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Maps a driver failure to the SPI's error codes. */
  public static HookstreamException translate(SQLException e) {
    String state = firstState(e);
    if (isUniqueViolation(e)) {
      return new HookstreamException(ErrorCode.CONFLICT, "duplicate key: " + e.getMessage(), e);
    }
    if (state.startsWith("22")) { // data exception: a value the column type refuses
      return new HookstreamException(
          ErrorCode.BAD_REQUEST, "value rejected by the database: " + e.getMessage(), e);
    }
    boolean unavailable =
        e instanceof SQLTransientException
            || e instanceof SQLRecoverableException
            || e instanceof java.sql.SQLNonTransientConnectionException
            || state.startsWith("08") // connection exception
            || state.startsWith("40") // serialization failure, deadlock
            || state.startsWith("53") // insufficient resources
            || state.startsWith("57P") // server shutting down
            || state.equals("HYT00"); // H2 lock timeout
    return new HookstreamException(
        unavailable ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL,
        "database error: " + e.getMessage(),
        e);
  }
}
