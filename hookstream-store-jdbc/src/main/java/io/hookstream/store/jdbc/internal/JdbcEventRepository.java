package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventRepository;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Events in SQL. Headers and query parameters are JSON objects in a column type that keeps key
 * order; the body is inline bytes or a blob key, as the engine decided. Thread-safe.
 */
public final class JdbcEventRepository implements EventRepository {

  private final Jdbc jdbc;
  private final Dialect dialect;
  private final String table;
  private final String tasks;
  private final String attempts;
  private final String purgeLocks;
  private final String insertSql;
  private final JdbcDeliveryRepository deliveries;
  private final GroupCommit<Routed> inserts;

  /** An event and the delivery tasks it is stored with (none for an unrouted event). */
  /** Two batches may commit at once: one is written while the other waits for its flush. */
  private static final int BATCHES_IN_FLIGHT = 2;

  private record Routed(EventRecord event, List<DeliveryTask> tasks) {}

  /** {@code groupCommitRows}: the most events one group commit writes (1: no grouping). */
  public JdbcEventRepository(
      Jdbc jdbc,
      Dialect dialect,
      Tables tables,
      JdbcDeliveryRepository deliveries,
      int groupCommitRows) {
    this.jdbc = jdbc;
    this.dialect = dialect;
    this.table = tables.events();
    this.tasks = tables.tasks();
    this.attempts = tables.attempts();
    this.purgeLocks = tables.claimLocks();
    this.deliveries = deliveries;
    this.insertSql =
        Columns.of(
                dialect,
                "id",
                "org_id",
                "env_id",
                "source_id",
                "method",
                "path",
                "headers:ojson",
                "query:ojson",
                "content_type",
                "source_ip",
                "body_size",
                "body",
                "body_blob_key",
                "body_sha256",
                "status",
                "dedup_status",
                "duplicate_of",
                "verification_status",
                "received_at",
                "routed_at",
                "updated_at")
            .insert(table);
    this.inserts = new GroupCommit<>(jdbc, this::write, groupCommitRows, BATCHES_IN_FLIGHT);
  }

  /** Concurrent ingests write their events in one commit (see {@link GroupCommit}). */
  @Override
  public void insert(EventRecord e) {
    inserts.insert(new Routed(e, List.of()));
  }

  /** The event and its tasks share a group commit with concurrent ingests' events and tasks. */
  @Override
  public void insertRouted(EventRecord event, List<DeliveryTask> tasks) {
    if (event.routedAt() == null) {
      throw new IllegalArgumentException("event " + event.id() + " is not routed");
    }
    inserts.insert(new Routed(event, List.copyOf(tasks)));
  }

  /**
   * Writes a routed event and its tasks on {@code c}, in whatever transaction it is in, without
   * committing: the transactional outbox.
   */
  public void writeRouted(Connection c, EventRecord event, List<DeliveryTask> tasks)
      throws SQLException {
    write(c, List.of(new Routed(event, List.copyOf(tasks))));
  }

  private void write(Connection c, List<Routed> batch) throws SQLException {
    Jdbc.batch(c, insertSql, batch.stream().map(r -> values(r.event())).toList());
    List<DeliveryTask> tasks = batch.stream().flatMap(r -> r.tasks().stream()).toList();
    if (!tasks.isEmpty()) {
      deliveries.insertTasks(c, tasks);
    }
  }

  @Override
  public void insertAll(List<EventRecord> events) {
    jdbc.inTransaction(
        c -> {
          Jdbc.batch(c, insertSql, events.stream().map(JdbcEventRepository::values).toList());
          return null;
        });
  }

  /**
   * One transaction: take the scope's purge lock (the claim lock keyed {@code purge:<org>:<env>},
   * so purges of one environment run one at a time on every node), read and lock up to {@code
   * limit} of the oldest expired events, let the caller archive them, then delete their attempts,
   * tasks and the events.
   */
  @Override
  public List<EventRecord> purgeBefore(
      Scope scope, Instant before, int limit, Consumer<List<EventRecord>> beforeDelete) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.inTransaction(
        c -> {
          dialect.lockDestination(c, purgeLocks, "purge:" + scope.orgId() + ":" + scope.envId());
          List<EventRecord> expired =
              Jdbc.query(
                  c,
                  purgeSql(),
                  JdbcEventRepository::map,
                  scope.orgId(),
                  scope.envId(),
                  before,
                  limit);
          if (expired.isEmpty()) {
            return List.of();
          }
          beforeDelete.accept(List.copyOf(expired));
          List<Object> params = new ArrayList<>(List.of(scope.orgId(), scope.envId()));
          expired.forEach(e -> params.add(e.id()));
          String ids = " IN (" + Columns.markers(expired.size()) + ")";
          Object[] bound = params.toArray();
          Jdbc.update(
              c,
              "DELETE FROM " + attempts + " WHERE org_id = ? AND env_id = ? AND event_id" + ids,
              bound);
          Jdbc.update(
              c,
              "DELETE FROM " + tasks + " WHERE org_id = ? AND env_id = ? AND event_id" + ids,
              bound);
          Jdbc.update(
              c, "DELETE FROM " + table + " WHERE org_id = ? AND env_id = ? AND id" + ids, bound);
          return List.copyOf(expired);
        });
  }

  /** The purge's SELECT; the EXPLAIN test reads it too. */
  public String purgeSql() {
    return "SELECT * FROM "
        + table
        + " WHERE org_id = ? AND env_id = ? AND received_at < ?"
        + " ORDER BY received_at, id LIMIT ? FOR UPDATE"
        + (dialect.skipLockedClaims() ? " SKIP LOCKED" : "");
  }

  /**
   * By primary key, the scope checked on the row: with the scope in the WHERE clause a fresh
   * database's cached generic plan could read the whole environment through a scope index.
   */
  @Override
  public Optional<EventRecord> find(Scope scope, String id) {
    return jdbc.queryOne("SELECT * FROM " + table + " WHERE id = ?", JdbcEventRepository::map, id)
        .filter(e -> e.scope().equals(scope));
  }

  @Override
  public Page<EventRecord> list(Scope scope, EventQuery q, PageRequest page) {
    ListQuery query =
        new ListQuery(
                "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
                scope.orgId(),
                scope.envId())
            .andIf(q.sourceId(), "source_id = ?")
            .andIf(q.status() == null ? null : q.status().wireName(), "status = ?")
            .andIf(q.after(), "received_at >= ?")
            .andIf(q.before(), "received_at < ?");
    if (q.search() != null && !q.search().isEmpty()) {
      query.and(
          "(id LIKE ? ESCAPE '\\' OR " + dialect.binaryContains("body") + ")",
          Jdbc.likePrefix(q.search()),
          q.search().getBytes(StandardCharsets.UTF_8));
    }
    return query.page(jdbc, page, JdbcEventRepository::map, EventRecord::id);
  }

  @Override
  public List<EventRecord> findUnrouted(Instant receivedBefore, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + table
            + " WHERE routed_at IS NULL AND received_at < ?"
            + " AND (dedup_status IS NULL OR dedup_status <> 'duplicate')"
            + " ORDER BY received_at, id LIMIT ?",
        JdbcEventRepository::map,
        receivedBefore,
        limit);
  }

  @Override
  public boolean markRouted(
      Scope scope, String eventId, EventStatus status, List<DeliveryTask> tasks, Instant at) {
    return jdbc.inTransaction(
        c -> {
          int marked =
              Jdbc.update(
                  c,
                  "UPDATE "
                      + table
                      + " SET status = ?, routed_at = ?,"
                      + " updated_at = ? WHERE id = ? AND org_id = ? AND env_id = ? AND routed_at IS NULL",
                  status.wireName(),
                  at,
                  at,
                  eventId,
                  scope.orgId(),
                  scope.envId());
          if (marked != 1) {
            return false;
          }
          deliveries.insertTasks(c, tasks);
          return true;
        });
  }

  @Override
  public boolean updateStatus(Scope scope, String eventId, EventStatus status, Instant at) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET status = ?, updated_at = ? WHERE id = ?"
                + " AND org_id = ? AND env_id = ?",
            status.wireName(),
            at,
            eventId,
            scope.orgId(),
            scope.envId())
        == 1;
  }

  private static Object[] values(EventRecord e) {
    return new Object[] {
      e.id(),
      e.orgId(),
      e.envId(),
      e.sourceId(),
      e.method(),
      e.path(),
      JsonCodec.writeMultimap(e.headers()),
      JsonCodec.writeMultimap(e.query()),
      e.contentType(),
      e.sourceIp(),
      e.bodySize(),
      e.body(),
      e.bodyBlobKey(),
      e.bodySha256(),
      e.status().wireName(),
      e.dedupStatus(),
      e.duplicateOf(),
      e.verificationStatus(),
      e.receivedAt(),
      e.routedAt(),
      e.updatedAt()
    };
  }

  static EventRecord map(ResultSet rs) throws SQLException {
    return new EventRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("source_id"),
        rs.getString("method"),
        rs.getString("path"),
        JsonCodec.readMultimap(rs.getString("headers")),
        JsonCodec.readMultimap(rs.getString("query")),
        rs.getString("content_type"),
        rs.getString("source_ip"),
        rs.getLong("body_size"),
        rs.getBytes("body"),
        rs.getString("body_blob_key"),
        rs.getString("body_sha256"),
        EventStatus.fromWire(rs.getString("status")),
        rs.getString("dedup_status"),
        rs.getString("duplicate_of"),
        rs.getString("verification_status"),
        Jdbc.instant(rs, "received_at"),
        Jdbc.instant(rs, "routed_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
