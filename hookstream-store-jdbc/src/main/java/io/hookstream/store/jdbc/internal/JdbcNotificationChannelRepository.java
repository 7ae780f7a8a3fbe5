package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.NotificationChannelRecord;
import io.hookstream.spi.store.NotificationChannelRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Notification channels in SQL. Thread-safe. */
public final class JdbcNotificationChannelRepository implements NotificationChannelRepository {

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;

  public JdbcNotificationChannelRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.notificationChannels();
    this.columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "type",
            "config",
            "created_at",
            "updated_at");
  }

  @Override
  public void insert(NotificationChannelRecord c) {
    jdbc.updateOrConflict(
        "notification channel id already exists: " + c.id(), columns.insert(table), values(c));
  }

  @Override
  public Optional<NotificationChannelRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ? AND id = ?",
        JdbcNotificationChannelRepository::map,
        scope.orgId(),
        scope.envId(),
        id);
  }

  @Override
  public Optional<NotificationChannelRecord> findById(String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE id = ?", JdbcNotificationChannelRepository::map, id);
  }

  @Override
  public Page<NotificationChannelRecord> list(Scope scope, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .page(jdbc, page, JdbcNotificationChannelRepository::map, NotificationChannelRecord::id);
  }

  @Override
  public boolean update(NotificationChannelRecord c) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET name = ?, type = ?, config = ?, updated_at = ?"
                + " WHERE org_id = ? AND env_id = ? AND id = ?",
            c.name(),
            c.type(),
            c.configJson(),
            c.updatedAt(),
            c.orgId(),
            c.envId(),
            c.id())
        == 1;
  }

  @Override
  public boolean delete(Scope scope, String id) {
    return jdbc.update(
            "DELETE FROM " + table + " WHERE org_id = ? AND env_id = ? AND id = ?",
            scope.orgId(),
            scope.envId(),
            id)
        == 1;
  }

  private static Object[] values(NotificationChannelRecord c) {
    return new Object[] {
      c.id(), c.orgId(), c.envId(), c.name(), c.type(), c.configJson(), c.createdAt(), c.updatedAt()
    };
  }

  private static NotificationChannelRecord map(ResultSet rs) throws SQLException {
    return new NotificationChannelRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("config"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
