package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.ConnectionRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Connections in SQL. Thread-safe. */
public final class JdbcConnectionRepository implements ConnectionRepository {

  private final Jdbc jdbc;
  private final String table;
  private final VersionedRows<ConnectionRecord> rows;

  public JdbcConnectionRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.connections();
    Columns columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "source_id",
            "destination_id",
            "filter_rules:json",
            "transform_expression",
            "transform_enabled",
            "enabled",
            "ordering_key",
            "version",
            "created_at",
            "updated_at",
            "deleted_at");
    this.rows =
        new VersionedRows<>(
            jdbc, table, columns, JdbcConnectionRepository::map, ConnectionRecord::id);
  }

  @Override
  public void insert(ConnectionRecord c) {
    rows.insert("connection exists: " + c.id(), values(c));
  }

  @Override
  public Optional<ConnectionRecord> find(Scope scope, String id) {
    return rows.findLive(scope, id);
  }

  @Override
  public Page<ConnectionRecord> list(
      Scope scope, String sourceId, String destinationId, PageRequest page) {
    return rows.page(
        rows.liveList(scope)
            .andIf(sourceId, "source_id = ?")
            .andIf(destinationId, "destination_id = ?"),
        page);
  }

  @Override
  public List<ConnectionRecord> listForSource(Scope scope, String sourceId) {
    return jdbc.query(
        "SELECT * FROM "
            + table
            + " WHERE source_id = ? AND org_id = ?"
            + " AND env_id = ? AND deleted_at IS NULL ORDER BY id DESC",
        JdbcConnectionRepository::map,
        sourceId,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public boolean update(ConnectionRecord c) {
    return rows.update("connection exists: " + c.id(), values(c), c.version());
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return rows.softDelete(scope, id, at);
  }

  private static Object[] values(ConnectionRecord c) {
    return new Object[] {
      c.id(),
      c.orgId(),
      c.envId(),
      c.name(),
      c.sourceId(),
      c.destinationId(),
      c.filterRulesJson(),
      c.transformExpression(),
      c.transformEnabled(),
      c.enabled(),
      c.orderingKey(),
      c.version(),
      c.createdAt(),
      c.updatedAt(),
      c.deletedAt()
    };
  }

  private static ConnectionRecord map(ResultSet rs) throws SQLException {
    return new ConnectionRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("source_id"),
        rs.getString("destination_id"),
        rs.getString("filter_rules"),
        rs.getString("transform_expression"),
        rs.getBoolean("transform_enabled"),
        rs.getBoolean("enabled"),
        rs.getString("ordering_key"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"),
        Jdbc.instant(rs, "deleted_at"));
  }
}
