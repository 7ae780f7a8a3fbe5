package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.ReplayJobRepository;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replay jobs in SQL. Every write is an UPDATE guarded by the expected version; an advance runs
 * that UPDATE, the task inserts and their links in one transaction, so a node whose step lost the
 * race writes nothing. Thread-safe.
 */
public final class JdbcReplayJobRepository implements ReplayJobRepository {

  private final Jdbc jdbc;
  private final String table;
  private final String links;
  private final String events;
  private final String tasks;
  private final JdbcDeliveryRepository deliveries;
  private final Columns columns;

  public JdbcReplayJobRepository(
      Jdbc jdbc, Dialect dialect, Tables tables, JdbcDeliveryRepository deliveries) {
    this.jdbc = jdbc;
    this.table = tables.replayJobs();
    this.links = tables.replayJobTasks();
    this.events = tables.events();
    this.tasks = tables.tasks();
    this.deliveries = deliveries;
    this.columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "kind",
            "destination_id",
            "source_id",
            "event_status",
            "issue_id",
            "from_at",
            "to_at",
            "rate_limit",
            "max_events",
            "status",
            "total",
            "processed",
            "skipped",
            "succeeded",
            "failed",
            "cursor_event_id",
            "lease_owner",
            "lease_expires_at",
            "started_at",
            "completed_at",
            "version",
            "created_at",
            "updated_at");
  }

  @Override
  public void insert(ReplayJobRecord job) {
    jdbc.updateOrConflict(
        "replay job id already exists: " + job.id(), columns.insert(table), values(job));
  }

  @Override
  public Optional<ReplayJobRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ? AND id = ?",
        JdbcReplayJobRepository::map,
        scope.orgId(),
        scope.envId(),
        id);
  }

  @Override
  public Page<ReplayJobRecord> list(Scope scope, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .page(jdbc, page, JdbcReplayJobRepository::map, ReplayJobRecord::id);
  }

  @Override
  public List<ReplayJobRecord> runnable(String owner, Instant now, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + table
            + " WHERE status = 'running'"
            + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at <= ?)"
            + " ORDER BY id LIMIT ?",
        JdbcReplayJobRepository::map,
        owner,
        now,
        limit);
  }

  @Override
  public boolean compareAndSet(ReplayJobRecord updated, long expectedVersion) {
    return advance(updated, expectedVersion, List.of());
  }

  @Override
  public boolean advance(ReplayJobRecord updated, long expectedVersion, List<DeliveryTask> list) {
    return jdbc.inTransaction(
        c -> {
          if (!replace(c, updated, expectedVersion)) {
            return false;
          }
          if (!list.isEmpty()) {
            deliveries.insertTasks(c, list);
            List<Object[]> rows = new ArrayList<>();
            list.forEach(t -> rows.add(new Object[] {updated.id(), t.id()}));
            Jdbc.batch(c, "INSERT INTO " + links + " (job_id, task_id) VALUES (?, ?)", rows);
          }
          return true;
        });
  }

  private boolean replace(Connection c, ReplayJobRecord j, long expectedVersion)
      throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET "
            + columns.assignments("id", "org_id", "env_id")
            + " WHERE id = ? AND version = ?";
    return Jdbc.update(c, sql, VersionedRows.updateParams(values(j), j.id(), expectedVersion)) == 1;
  }

  @Override
  public List<EventRecord> nextEvents(ReplayJobRecord job, int limit) {
    Filter f = filter(job, "SELECT * FROM ", true);
    f.query.append(" ORDER BY id LIMIT ?");
    f.params.add(limit);
    return jdbc.query(f.query.toString(), JdbcEventRepository::map, f.params.toArray());
  }

  @Override
  public int countEvents(ReplayJobRecord job, int cap) {
    Filter f = filter(job, "SELECT id FROM ", false);
    f.query.append(" ORDER BY id LIMIT ?");
    f.params.add(cap);
    return jdbc.queryOne(
            "SELECT COUNT(*) FROM (" + f.query + ") capped", rs -> rs.getInt(1), f.params.toArray())
        .orElse(0);
  }

  @Override
  public Map<TaskStatus, Integer> taskCounts(Scope scope, String jobId) {
    Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    jdbc.query(
            "SELECT t.status, COUNT(*) AS n FROM "
                + links
                + " l JOIN "
                + tasks
                + " t ON t.id = l.task_id WHERE l.job_id = ? AND t.org_id = ? AND t.env_id = ?"
                + " GROUP BY t.status",
            rs ->
                Map.entry(
                    TaskStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                    rs.getInt("n")),
            jobId,
            scope.orgId(),
            scope.envId())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** The SQL and parameters that select the job's events after its cursor. */
  private record Filter(StringBuilder query, List<Object> params) {}

  private Filter filter(ReplayJobRecord job, String select, boolean afterCursor) {
    StringBuilder sql =
        new StringBuilder(select)
            .append(events)
            .append(" WHERE org_id = ? AND env_id = ? AND received_at >= ? AND received_at <= ?")
            .append(" AND (dedup_status IS NULL OR dedup_status <> 'duplicate')");
    List<Object> params = new ArrayList<>(List.of(job.orgId(), job.envId(), job.from(), job.to()));
    if (job.sourceId() != null) {
      sql.append(" AND source_id = ?");
      params.add(job.sourceId());
    }
    if (job.eventStatus() != null) {
      sql.append(" AND status = ?");
      params.add(job.eventStatus().wireName());
    }
    if (afterCursor && job.cursorEventId() != null) {
      sql.append(" AND id > ?");
      params.add(job.cursorEventId());
    }
    return new Filter(sql, params);
  }

  private static Object[] values(ReplayJobRecord j) {
    return new Object[] {
      j.id(),
      j.orgId(),
      j.envId(),
      j.kind(),
      j.destinationId(),
      j.sourceId(),
      j.eventStatus() == null ? null : j.eventStatus().wireName(),
      j.issueId(),
      j.from(),
      j.to(),
      j.rateLimit(),
      j.maxEvents(),
      j.status(),
      j.total(),
      j.processed(),
      j.skipped(),
      j.succeeded(),
      j.failed(),
      j.cursorEventId(),
      j.leaseOwner(),
      j.leaseExpiresAt(),
      j.startedAt(),
      j.completedAt(),
      j.version(),
      j.createdAt(),
      j.updatedAt()
    };
  }

  private static ReplayJobRecord map(ResultSet rs) throws SQLException {
    String status = rs.getString("event_status");
    return new ReplayJobRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("kind"),
        rs.getString("destination_id"),
        rs.getString("source_id"),
        status == null ? null : EventStatus.fromWire(status),
        rs.getString("issue_id"),
        Jdbc.instant(rs, "from_at"),
        Jdbc.instant(rs, "to_at"),
        rs.getInt("rate_limit"),
        rs.getInt("max_events"),
        rs.getString("status"),
        rs.getInt("total"),
        rs.getInt("processed"),
        rs.getInt("skipped"),
        rs.getInt("succeeded"),
        rs.getInt("failed"),
        rs.getString("cursor_event_id"),
        rs.getString("lease_owner"),
        Jdbc.instant(rs, "lease_expires_at"),
        Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "completed_at"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
