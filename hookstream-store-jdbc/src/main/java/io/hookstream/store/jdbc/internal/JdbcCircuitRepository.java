package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.CircuitRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Circuit state in SQL with compare-and-set on {@code version}: an UPDATE guarded by the expected
 * version, or for version 0 an INSERT that the primary key lets only one node win. Thread-safe.
 */
public final class JdbcCircuitRepository implements CircuitRepository {

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;

  public JdbcCircuitRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.circuits();
    this.columns =
        Columns.of(
            dialect,
            "destination_id",
            "org_id",
            "env_id",
            "state",
            "failure_count",
            "last_failure_at",
            "opened_at",
            "version",
            "updated_at");
  }

  @Override
  public Optional<CircuitRecord> find(String destinationId) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE destination_id = ?",
        JdbcCircuitRepository::map,
        destinationId);
  }

  @Override
  public long countOpen() {
    return jdbc.queryOne(
            "SELECT COUNT(*) FROM " + table + " WHERE state <> 'closed'", rs -> rs.getLong(1))
        .orElseThrow();
  }

  @Override
  public boolean compareAndSet(CircuitRecord c, long expectedVersion) {
    Object[] values = {
      c.destinationId(),
      c.orgId(),
      c.envId(),
      c.state(),
      c.failureCount(),
      c.lastFailureAt(),
      c.openedAt(),
      c.version(),
      c.updatedAt()
    };
    int updated =
        jdbc.update(
            "UPDATE "
                + table
                + " SET "
                + columns.assignments("destination_id", "org_id", "env_id")
                + " WHERE destination_id = ? AND version = ?",
            VersionedRows.updateParams(values, c.destinationId(), expectedVersion));
    if (updated == 1) {
      return true;
    }
    if (expectedVersion != 0) {
      return false;
    }
    try {
      return jdbc.update(columns.insert(table), values) == 1;
    } catch (HookstreamException e) {
      if (e.code() == ErrorCode.CONFLICT) {
        return false; // another node stored the first state first
      }
      throw e;
    }
  }

  private static CircuitRecord map(ResultSet rs) throws SQLException {
    return new CircuitRecord(
        rs.getString("destination_id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("state"),
        rs.getInt("failure_count"),
        Jdbc.instant(rs, "last_failure_at"),
        Jdbc.instant(rs, "opened_at"),
        rs.getLong("version"),
        Jdbc.instant(rs, "updated_at"));
  }
}
