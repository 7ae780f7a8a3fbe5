package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.IssueRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issues in SQL; recent attempt ids are a JSON array. Thread-safe. */
public final class JdbcIssueRepository implements IssueRepository {

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;

  public JdbcIssueRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.issues();
    this.columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "destination_id",
            "error_type",
            "message",
            "status",
            "occurrence_count",
            "first_seen_at",
            "last_seen_at",
            "recent_attempt_ids:json",
            "snoozed_until",
            "resolved_at",
            "updated_at");
  }

  @Override
  public Optional<IssueRecord> findActive(Scope scope, String destinationId, String errorType) {
    return jdbc.queryOne(
        "SELECT * FROM "
            + table
            + " WHERE destination_id = ?"
            + " AND error_type = ? AND org_id = ? AND env_id = ? AND status <> 'resolved'"
            + " ORDER BY id DESC LIMIT 1",
        JdbcIssueRepository::map,
        destinationId,
        errorType,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public void insert(IssueRecord issue) {
    jdbc.updateOrConflict(activeClash(issue), columns.insert(table), values(issue));
  }

  @Override
  public boolean update(IssueRecord issue) {
    return jdbc.updateOrConflict(
            activeClash(issue),
            "UPDATE "
                + table
                + " SET "
                + columns.assignments("id", "org_id", "env_id")
                + " WHERE id = ? AND org_id = ? AND env_id = ?",
            VersionedRows.updateParams(values(issue), issue.id(), issue.orgId(), issue.envId()))
        == 1;
  }

  @Override
  public Optional<IssueRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE id = ? AND org_id = ? AND env_id = ?",
        JdbcIssueRepository::map,
        id,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public Page<IssueRecord> list(
      Scope scope, String status, String destinationId, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .andIf(status, "status = ?")
        .andIf(destinationId, "destination_id = ?")
        .page(jdbc, page, JdbcIssueRepository::map, IssueRecord::id);
  }

  @Override
  public List<IssueRecord> findStale(Instant before, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + table
            + " WHERE status IN ('open', 'acknowledged')"
            + " AND last_seen_at < ? ORDER BY last_seen_at, id LIMIT ?",
        JdbcIssueRepository::map,
        before,
        limit);
  }

  @Override
  public long countOpen() {
    return jdbc.queryOne(
            "SELECT COUNT(*) FROM " + table + " WHERE status = 'open'", rs -> rs.getLong(1))
        .orElseThrow();
  }

  private static String activeClash(IssueRecord i) {
    return "an active issue exists for destination "
        + i.destinationId()
        + " and error type "
        + i.errorType();
  }

  private static Object[] values(IssueRecord i) {
    return new Object[] {
      i.id(),
      i.orgId(),
      i.envId(),
      i.destinationId(),
      i.errorType(),
      i.message(),
      i.status(),
      i.occurrenceCount(),
      i.firstSeenAt(),
      i.lastSeenAt(),
      JsonCodec.writeStrings(i.recentAttemptIds()),
      i.snoozedUntil(),
      i.resolvedAt(),
      i.updatedAt()
    };
  }

  private static IssueRecord map(ResultSet rs) throws SQLException {
    return new IssueRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("destination_id"),
        rs.getString("error_type"),
        rs.getString("message"),
        rs.getString("status"),
        rs.getLong("occurrence_count"),
        Jdbc.instant(rs, "first_seen_at"),
        Jdbc.instant(rs, "last_seen_at"),
        JsonCodec.readStrings(rs.getString("recent_attempt_ids")),
        Jdbc.instant(rs, "snoozed_until"),
        Jdbc.instant(rs, "resolved_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
