package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.EventContext;
import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskBacklog;
import io.hookstream.spi.store.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Delivery tasks and attempts in SQL. Claims are per destination, under its claim lock: on
 * PostgreSQL one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n)
 * RETURNING *} joined with the events; elsewhere an optimistic {@code UPDATE ... WHERE id = ? AND
 * version = ?} per candidate, where a lost race just drops that candidate. Either way a task is
 * never held by two owners. Thread-safe.
 */
public final class JdbcDeliveryRepository implements DeliveryRepository {

  private static final String DUE =
      "status = 'pending' AND next_attempt_at <= ?"
          + " AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at <= ?)";

  /** The most settles one commit writes. */
  private static final int SETTLES_PER_COMMIT = 256;

  private static final Comparator<DeliveryTask> SEQUENCE_ORDER =
      Comparator.comparingLong(DeliveryTask::sequence).thenComparing(DeliveryTask::id);

  private final Jdbc jdbc;
  private final Dialect dialect;
  private final String tasks;
  private final String attempts;
  private final String events;
  private final String claimLocks;
  private final Columns taskColumns;
  private final Columns attemptColumns;
  private final String settleSql;
  private final GroupCommit<Settle> settles;
  private final ScanFloors floors;

  public JdbcDeliveryRepository(
      Jdbc jdbc, Dialect dialect, Tables tables, Duration scanFloorRefresh) {
    this.jdbc = jdbc;
    this.dialect = dialect;
    this.tasks = tables.tasks();
    this.attempts = tables.attempts();
    this.events = tables.events();
    this.claimLocks = tables.claimLocks();
    this.taskColumns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "event_id",
            "connection_id",
            "destination_id",
            "status",
            "attempts",
            "next_attempt_at",
            "lease_owner",
            "lease_expires_at",
            "payload",
            "payload_content_type",
            "sequence",
            "ordering_key",
            "version",
            "created_at",
            "updated_at");
    this.attemptColumns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "event_id",
            "connection_id",
            "destination_id",
            "task_id",
            "attempt_number",
            "status",
            "status_code",
            "latency_ms",
            "request_headers:ojson",
            "response_headers:ojson",
            "response_body",
            "error",
            "error_type",
            "dlq",
            "dlq_at",
            "next_retry_at",
            "attempted_at");
    this.settleSql =
        "UPDATE "
            + tasks
            + " SET status = ?, attempts = ?, next_attempt_at = ?, lease_owner = ?,"
            + " lease_expires_at = ?, version = ?, updated_at = ?"
            + " WHERE id = ? AND org_id = ? AND env_id = ? AND lease_owner = ?";
    this.settles = new GroupCommit<>(jdbc, this::writeSettles, SETTLES_PER_COMMIT, 1);
    this.floors = new ScanFloors(tasks, System::nanoTime, scanFloorRefresh.toNanos());
  }

  @Override
  public void insertTasks(List<DeliveryTask> list) {
    jdbc.inTransaction(
        c -> {
          insertTasks(c, list);
          return null;
        });
  }

  void insertTasks(Connection c, List<DeliveryTask> list) throws SQLException {
    Jdbc.batch(
        c,
        taskColumns.insert(tasks),
        list.stream().map(JdbcDeliveryRepository::taskValues).toList());
    list.forEach(floors::admit);
  }

  @Override
  public Optional<DeliveryTask> findTask(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + tasks + " WHERE id = ? AND org_id = ? AND env_id = ?",
        JdbcDeliveryRepository::task,
        id,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public List<DeliveryTask> tasksForEvent(Scope scope, String eventId) {
    return jdbc.query(
        "SELECT * FROM "
            + tasks
            + " WHERE event_id = ? AND org_id = ?"
            + " AND env_id = ? ORDER BY created_at, id",
        JdbcDeliveryRepository::task,
        eventId,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public List<String> dueDestinations(
      Instant now, int limit, Collection<String> excludedDestinations) {
    if (limit <= 0) {
      return List.of();
    }
    List<String> excluded =
        excludedDestinations == null ? List.of() : List.copyOf(excludedDestinations);
    List<Object> params = new ArrayList<>(List.of(now, now));
    if (dialect.skipLockedClaims()) {
      List<Map.Entry<String, Instant>> due = List.copyOf(floors.dueFloors().entrySet());
      params.add(textArray(due.stream().map(Map.Entry::getKey).toList()));
      params.add(
          due.stream()
              .map(e -> e.getValue().toString())
              .collect(Collectors.joining(",", "{", "}")));
    }
    params.addAll(excluded);
    params.add(limit);
    return jdbc.query(dueDestinationsSql(excluded.size()), rs -> rs.getString(1), params.toArray());
  }

  /**
   * The SQL of {@link #dueDestinations}; the EXPLAIN test reads it too. A loose index scan: a
   * recursive query walks the distinct destinations of the tasks table (one index probe each), and
   * for each the oldest due unleased task is the first such entry of its {@code (destination_id,
   * [status,] next_attempt_at)} index, so the cost grows with the number of destinations, not with
   * the backlog. On PostgreSQL each probe starts at the destination's due floor ({@link
   * ScanFloors}). PostgreSQL walks only destinations with pending tasks (its index is partial); H2
   * walks every destination with tasks, stepping with {@code ORDER BY ... LIMIT 1}, since it
   * answers {@code MIN} with a condition by reading the whole range, and with {@code >= id ||
   * CHAR(0)} (the next string after {@code id}), since it starts a {@code > id} range at {@code id}
   * and would read every entry of the previous destination.
   */
  public String dueDestinationsSql(int excludedCount) {
    String exclusion =
        excludedCount == 0
            ? ""
            : " AND d.destination_id NOT IN (" + Columns.markers(excludedCount) + ")";
    boolean postgres = dialect.skipLockedClaims();
    String pending = postgres ? " WHERE status = 'pending'" : "";
    String next =
        postgres
            ? "SELECT MIN(t.destination_id) FROM "
                + tasks
                + " t WHERE t.status = 'pending'"
                + " AND t.destination_id > d.destination_id"
            : "SELECT t.destination_id FROM "
                + tasks
                + " t WHERE t.destination_id >="
                + " d.destination_id || CHAR(0) ORDER BY t.destination_id LIMIT 1";
    String first =
        postgres
            ? "SELECT MIN(destination_id) FROM " + tasks + pending
            : "SELECT (SELECT destination_id FROM " + tasks + " ORDER BY destination_id LIMIT 1)";
    return "WITH RECURSIVE d(destination_id) AS ("
        + first
        + " UNION ALL SELECT ("
        + next
        + ")"
        + " FROM d WHERE d.destination_id IS NOT NULL)"
        + " SELECT destination_id, oldest FROM (SELECT d.destination_id,"
        + " (SELECT t.next_attempt_at FROM "
        + tasks
        + " t WHERE t.destination_id = d.destination_id"
        + " AND t.status = 'pending' AND t.next_attempt_at <= ? AND (t.lease_owner IS NULL"
        + " OR t.lease_expires_at IS NULL OR t.lease_expires_at <= ?)"
        + (postgres ? " AND t.next_attempt_at >= COALESCE(f.due, '-infinity')" : "")
        + " ORDER BY "
        + (postgres ? "" : "t.destination_id, t.status, ")
        + "t.next_attempt_at LIMIT 1) AS oldest"
        + " FROM d"
        + (postgres
            ? " LEFT JOIN unnest(CAST(? AS text[]), CAST(? AS timestamptz[])) AS f(id, due)"
                + " ON f.id = d.destination_id"
            : "")
        + " WHERE d.destination_id IS NOT NULL"
        + exclusion
        + ") due"
        + " WHERE oldest IS NOT NULL ORDER BY oldest, destination_id LIMIT ?";
  }

  /**
   * One transaction: take the destination's claim lock (so claims on one destination never
   * interleave, on any node), count its live leases, pick the candidates in {@code (sequence, id)}
   * order (a keyed one only if it heads its key, {@link #keyHead}), lease them and read each one's
   * event. On PostgreSQL (not ordered) the count, the lease and that read are one statement, so a
   * delivery needs no read of its own.
   */
  @Override
  public List<ClaimedTask> claimDeliveries(DestinationClaim claim) {
    if (claim.limit() == 0 || claim.maxLeased() == 0) {
      return List.of();
    }
    return jdbc.inTransaction(
        c -> {
          if (!dialect.beginClaim(c, claimLocks, claim.destinationId())) {
            return List.of(); // another claim of this destination is running
          }
          if (dialect.skipLockedClaims() && !claim.ordered()) {
            ScanFloors.Floor floor = floors.floor(c, claim.destinationId(), claim.now());
            return Jdbc.query(
                    c,
                    deliveryClaimSql(claim.createdBefore() != null),
                    this::claimed,
                    deliveryClaimParams(claim, floor.sequence(), floor.due()))
                .stream()
                .sorted(Comparator.comparing(ClaimedTask::task, SEQUENCE_ORDER))
                .toList();
          }
          List<Object> liveParams = new ArrayList<>(List.of(claim.destinationId(), claim.now()));
          if (!claim.answered().isEmpty()) {
            liveParams.add(claim.owner());
            liveParams.addAll(claim.answered());
          }
          long live =
              Jdbc.query(
                      c,
                      liveLeasesSql(claim.answered().size()),
                      rs -> rs.getLong(1),
                      liveParams.toArray())
                  .get(0);
          int room = (int) Math.min(claim.limit(), claim.maxLeased() - live);
          if (room <= 0) {
            return List.of();
          }
          if (claim.ordered()) {
            return claimHead(c, claim);
          }
          List<Object> params =
              new ArrayList<>(List.of(claim.destinationId(), claim.now(), claim.now()));
          if (claim.createdBefore() != null) {
            params.add(claim.createdBefore());
          }
          params.add(room);
          List<Object[]> candidates =
              Jdbc.query(
                  c,
                  "SELECT id, version FROM "
                      + tasks
                      + " c"
                      + destinationCandidates(claim.createdBefore() != null),
                  JdbcDeliveryRepository::idAndVersion,
                  params.toArray());
          return lease(c, claim.owner(), claim.leaseUntil(), claim.now(), candidates);
        });
  }

  /**
   * The PostgreSQL statement of {@link #claimDeliveries} (not ordered): under the claim lock, one
   * statement counts the destination's live leases, leases up to {@code min(limit, maxLeased -
   * live)} due tasks and returns them joined with their events, both scans starting at the
   * destination's sequence floor ({@link ScanFloors}). Its snapshot is taken after the lock, so the
   * count sees every earlier claim. The EXPLAIN test reads it.
   */
  public String deliveryClaimSql(boolean createdBefore) {
    return "WITH live AS (SELECT COUNT(*) AS n FROM "
        + tasks
        + " WHERE destination_id = ? AND sequence >= ? AND next_attempt_at >= ?"
        + " AND status = 'pending' AND lease_owner IS NOT NULL AND lease_expires_at > ?"
        + " AND NOT (lease_owner = ? AND id = ANY(CAST(? AS text[])))),"
        + " claimed AS (UPDATE "
        + tasks
        + " SET lease_owner = ?, lease_expires_at = ?,"
        + " version = version + 1, updated_at = ? WHERE id IN (SELECT id FROM "
        + tasks
        + " c WHERE destination_id = ? AND sequence >= ? AND next_attempt_at >= ? AND "
        + DUE
        + keyHead()
        + (createdBefore ? " AND created_at <= ?" : "")
        + " ORDER BY destination_id, status, sequence, id"
        + " LIMIT GREATEST(0, LEAST(?, ? - (SELECT n FROM live))) FOR UPDATE SKIP LOCKED)"
        + " RETURNING *) SELECT "
        + withEventColumns("t")
        + " FROM claimed t"
        + withEventJoin("t");
  }

  /**
   * Parameters of {@link #deliveryClaimSql}, with the destination's floors: no pending task has a
   * lower sequence or an earlier due time (see {@link ScanFloors}).
   */
  public static Object[] deliveryClaimParams(
      DestinationClaim claim, long sequenceFloor, Instant dueFloor) {
    List<Object> params =
        new ArrayList<>(
            List.of(
                claim.destinationId(),
                sequenceFloor,
                dueFloor,
                claim.now(),
                claim.owner(),
                textArray(claim.answered()),
                claim.owner(),
                claim.leaseUntil(),
                claim.now(),
                claim.destinationId(),
                sequenceFloor,
                dueFloor,
                claim.now(),
                claim.now()));
    if (claim.createdBefore() != null) {
      params.add(claim.createdBefore());
    }
    params.add(claim.limit());
    params.add(claim.maxLeased());
    return params.toArray();
  }

  /** A PostgreSQL {@code text[]} literal of ids (letters, digits and underscores). */
  private static String textArray(Collection<String> ids) {
    return "{" + String.join(",", ids) + "}";
  }

  /** The task's columns, then its event's, under the names {@link #claimed} reads. */
  private String withEventColumns(String t) {
    return t
        + ".*, e.status AS event_status, e.content_type AS event_content_type,"
        + " e.body AS event_body, e.body_blob_key AS event_body_blob_key,"
        + " e.source_id AS event_source_id, e.method AS event_method,"
        + " e.received_at AS event_received_at, e.headers AS event_headers,"
        + " (SELECT COUNT(*) FROM "
        + tasks
        + " s WHERE s.event_id = "
        + t
        + ".event_id)"
        + " AS event_tasks";
  }

  /**
   * By the event's primary key alone (ids are unique across scopes, and a task's event is in its
   * scope): with the scope columns in the condition too, PostgreSQL's cached generic plan could
   * pick a scope-prefixed index and scan the whole scope per task.
   */
  private String withEventJoin(String t) {
    return " LEFT JOIN " + events + " e ON e.id = " + t + ".event_id";
  }

  /**
   * Counts a destination's live leases (every owner), but for {@code answered} tasks the claiming
   * owner names.
   */
  public String liveLeasesSql(int answered) {
    return "SELECT COUNT(*) FROM "
        + tasks
        + " WHERE destination_id = ? AND status = 'pending'"
        + " AND lease_owner IS NOT NULL AND lease_expires_at > ?"
        + (answered == 0
            ? ""
            : " AND NOT (lease_owner = ? AND id IN (" + Columns.markers(answered) + "))");
  }

  /**
   * The ORDER BY names the constant destination and status too, so that H2 reads tasks_destination
   * (destination_id, status, sequence, id) in order instead of sorting; the order is the same, and
   * PostgreSQL ignores sort keys bound to constants.
   */
  private String destinationCandidates(boolean createdBefore) {
    return " WHERE destination_id = ? AND "
        + DUE
        + keyHead()
        + (createdBefore ? " AND created_at <= ?" : "")
        + " ORDER BY destination_id, status, sequence, id LIMIT ?";
  }

  /**
   * The per-key ordering condition on candidate row {@code c}: unkeyed, or no pending task of its
   * destination and key comes before it in {@code (sequence, id)}, leased, due or not. Written with
   * {@code sequence <=} rather than a row comparison so that both H2 and PostgreSQL probe
   * tasks_key_order as a range.
   */
  private String keyHead() {
    return " AND (c.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM "
        + tasks
        + " k WHERE k.destination_id = c.destination_id AND k.ordering_key = c.ordering_key"
        + " AND k.status = 'pending' AND k.ordering_key IS NOT NULL AND k.sequence <= c.sequence"
        + " AND (k.sequence < c.sequence OR k.id < c.id)))";
  }

  /** Ordered delivery: only the destination's first pending task, and only if it may go now. */
  private List<ClaimedTask> claimHead(Connection c, DestinationClaim claim) throws SQLException {
    List<DeliveryTask> head =
        Jdbc.query(
            c,
            "SELECT * FROM "
                + tasks
                + " WHERE destination_id = ?"
                + " AND status = 'pending' ORDER BY destination_id, status, sequence, id LIMIT 1",
            JdbcDeliveryRepository::task,
            claim.destinationId());
    if (head.isEmpty()
        || !head.get(0).due(claim.now())
        || (claim.createdBefore() != null
            && head.get(0).createdAt().isAfter(claim.createdBefore()))) {
      return List.of();
    }
    List<Object[]> candidate =
        List.<Object[]>of(new Object[] {head.get(0).id(), head.get(0).version()});
    return lease(c, claim.owner(), claim.leaseUntil(), claim.now(), candidate);
  }

  /**
   * Version-checked leases of {@code (id, version)} candidates, each read back with its event; a
   * moved row is dropped.
   */
  private List<ClaimedTask> lease(
      Connection c, String owner, Instant leaseUntil, Instant now, List<Object[]> candidates)
      throws SQLException {
    List<String> won = new ArrayList<>();
    for (Object[] candidate : candidates) {
      int n =
          Jdbc.update(
              c,
              "UPDATE "
                  + tasks
                  + " SET lease_owner = ?, lease_expires_at = ?,"
                  + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?"
                  + " AND status = 'pending'",
              owner,
              leaseUntil,
              now,
              candidate[0],
              candidate[1]);
      if (n == 1) {
        won.add((String) candidate[0]);
      }
    }
    if (won.isEmpty()) {
      return List.of();
    }
    List<Object> ids = new ArrayList<>(won);
    ids.add(owner);
    return Jdbc.query(
        c,
        "SELECT "
            + withEventColumns("t")
            + " FROM "
            + tasks
            + " t"
            + withEventJoin("t")
            + " WHERE t.id IN ("
            + Columns.markers(won.size())
            + ") AND t.lease_owner = ? ORDER BY t.sequence, t.id",
        this::claimed,
        ids.toArray());
  }

  @Override
  public int renewLeases(String owner, Collection<String> taskIds, Instant leaseUntil) {
    if (taskIds.isEmpty()) {
      return 0;
    }
    List<Object> params = new ArrayList<>(List.of(leaseUntil, owner));
    params.addAll(taskIds);
    String held =
        " WHERE lease_owner = ? AND status = 'pending' AND id IN ("
            + Columns.markers(taskIds.size())
            + ")";
    // On PostgreSQL the rows are locked in id order, as grouped settles lock them, so a renewal
    // and a settle batch never wait on each other in a cycle (a deadlock in a full run).
    return jdbc.update(
        "UPDATE "
            + tasks
            + " SET lease_expires_at = ?"
            + (dialect.skipLockedClaims()
                ? " WHERE id IN (SELECT id FROM " + tasks + held + " ORDER BY id FOR UPDATE)"
                : held),
        params.toArray());
  }

  @Override
  public int releaseLeases(String owner, Instant now) {
    return jdbc.inTransaction(c -> releaseLeases(c, owner, now));
  }

  /**
   * {@link #releaseLeases(String, Instant)} inside the transaction of {@code c}. The conditions
   * name every column of PostgreSQL's partial index tasks_leased, so it reads only leased tasks.
   */
  int releaseLeases(Connection c, String owner, Instant now) throws SQLException {
    return Jdbc.update(
        c,
        "UPDATE "
            + tasks
            + " SET lease_owner = NULL, lease_expires_at = NULL,"
            + " version = version + 1, updated_at = ? WHERE status = 'pending'"
            + " AND lease_owner IS NOT NULL AND lease_owner = ?",
        now,
        owner);
  }

  @Override
  public boolean settle(String owner, DeliveryTask updated, AttemptRecord attempt) {
    return settle(owner, updated, attempt, null);
  }

  /**
   * Concurrent settles share one transaction (see {@link GroupCommit}): the lease-checked task
   * updates (only the columns an attempt changes, not the payload), the attempts of the tasks whose
   * lease held and, if asked, their events' status, as three batched statements and one commit.
   * Each caller returns after that commit and learns whether its own lease held.
   */
  @Override
  public boolean settle(
      String owner, DeliveryTask updated, AttemptRecord attempt, EventStatus eventStatus) {
    Settle settle = new Settle(owner, updated, attempt, eventStatus, new boolean[1]);
    settles.insert(settle);
    return settle.held()[0];
  }

  /**
   * One settle of a batch; {@code held[0]} says, once its commit is done, whether the lease held.
   */
  private record Settle(
      String owner,
      DeliveryTask task,
      AttemptRecord attempt,
      EventStatus eventStatus,
      boolean[] held) {}

  /**
   * Writes a batch of settles in task id order, so two batches never wait on each other: the
   * lease-checked task updates with the events' status, then the attempts of the tasks whose lease
   * held. On PostgreSQL the first part is one statement ({@link #settleAndEventsSql}), elsewhere
   * two batches.
   */
  private void writeSettles(Connection c, List<Settle> batch) throws SQLException {
    List<Settle> sorted =
        batch.stream().sorted(Comparator.comparing((Settle s) -> s.task().id())).toList();
    List<Settle> held =
        dialect.skipLockedClaims() ? settleWithEvents(c, sorted) : settleThenEvents(c, sorted);
    Jdbc.batch(
        c,
        attemptColumns.insert(attempts),
        held.stream()
            .filter(s -> s.attempt() != null)
            .map(s -> attemptValues(s.attempt()))
            .toList());
  }

  /** The batched lease-checked task updates, then the batched status updates of their events. */
  private List<Settle> settleThenEvents(Connection c, List<Settle> sorted) throws SQLException {
    int[] counts =
        Jdbc.batchCounts(
            c,
            settleSql,
            sorted.stream()
                .map(
                    s -> {
                      DeliveryTask t = s.task();
                      return new Object[] {
                        wire(t.status()),
                        t.attempts(),
                        t.nextAttemptAt(),
                        t.leaseOwner(),
                        t.leaseExpiresAt(),
                        t.version(),
                        t.updatedAt(),
                        t.id(),
                        t.orgId(),
                        t.envId(),
                        s.owner()
                      };
                    })
                .toList());
    List<Settle> held = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      // A driver may answer SUCCESS_NO_INFO (-2) for a row it did change; 0 is a lost lease.
      if (counts[i] != 0) {
        held.add(sorted.get(i));
      }
    }
    markHeld(sorted, held);
    // By primary key alone, as in withEventJoin: the task row above is the scope check.
    Jdbc.batch(
        c,
        "UPDATE " + events + " SET status = ?, updated_at = ? WHERE id = ?",
        held.stream()
            .filter(s -> s.eventStatus() != null)
            .map(
                s ->
                    new Object[] {
                      s.eventStatus().wireName(), s.task().updatedAt(), s.task().eventId()
                    })
            .toList());
    return held;
  }

  /** PostgreSQL: the task updates and their events' status in one statement. */
  private List<Settle> settleWithEvents(Connection c, List<Settle> sorted) throws SQLException {
    List<Object> params = new ArrayList<>();
    for (Settle s : sorted) {
      DeliveryTask t = s.task();
      params.addAll(
          Arrays.asList(
              t.id(),
              t.orgId(),
              t.envId(),
              s.owner(),
              wire(t.status()),
              t.attempts(),
              t.nextAttemptAt(),
              t.leaseOwner(),
              t.leaseExpiresAt(),
              t.version(),
              t.updatedAt(),
              t.eventId(),
              s.eventStatus() == null ? null : s.eventStatus().wireName()));
    }
    Set<String> won =
        new HashSet<>(
            Jdbc.query(
                c, settleAndEventsSql(sorted.size()), rs -> rs.getString(1), params.toArray()));
    List<Settle> held = sorted.stream().filter(s -> won.contains(s.task().id())).toList();
    markHeld(sorted, held);
    return held;
  }

  private static void markHeld(List<Settle> all, List<Settle> held) {
    all.forEach(s -> s.held()[0] = false);
    held.forEach(s -> s.held()[0] = true);
  }

  /**
   * {@code rows} settles as one PostgreSQL statement: the lease-checked updates of the tasks (in
   * the order of the rows, task id order), then the status of the events of the tasks whose lease
   * held (by primary key alone, as in withEventJoin), returning those tasks' ids.
   */
  String settleAndEventsSql(int rows) {
    String row =
        "(CAST(? AS text) COLLATE \"C\", CAST(? AS text) COLLATE \"C\","
            + " CAST(? AS text) COLLATE \"C\", CAST(? AS text),"
            + " CAST(? AS text), CAST(? AS integer), CAST(? AS timestamptz), CAST(? AS text),"
            + " CAST(? AS timestamptz), CAST(? AS bigint), CAST(? AS timestamptz),"
            + " CAST(? AS text) COLLATE \"C\", CAST(? AS text))";
    return "WITH v (id, org_id, env_id, owner, status, attempts, next_attempt_at, lease_owner,"
        + " lease_expires_at, version, updated_at, event_id, event_status) AS (VALUES "
        + String.join(", ", Collections.nCopies(rows, row))
        + "), t AS (UPDATE "
        + tasks
        + " k SET status = v.status, attempts = v.attempts, next_attempt_at = v.next_attempt_at,"
        + " lease_owner = v.lease_owner, lease_expires_at = v.lease_expires_at,"
        + " version = v.version, updated_at = v.updated_at FROM v WHERE k.id = v.id"
        + " AND k.org_id = v.org_id AND k.env_id = v.env_id AND k.lease_owner = v.owner"
        + " RETURNING k.id), e AS (UPDATE "
        + events
        + " ev SET status = v.event_status, updated_at = v.updated_at FROM v JOIN t ON t.id = v.id"
        + " WHERE ev.id = v.event_id AND v.event_status IS NOT NULL) SELECT id FROM t";
  }

  @Override
  public boolean update(DeliveryTask updated) {
    Object[] params =
        VersionedRows.updateParams(
            taskValues(updated),
            updated.id(),
            updated.orgId(),
            updated.envId(),
            updated.version() - 1);
    boolean written =
        jdbc.update(
                "UPDATE "
                    + tasks
                    + " SET "
                    + taskColumns.assignments("id", "org_id", "env_id")
                    + " WHERE id = ? AND org_id = ?"
                    + " AND env_id = ? AND version = ?",
                params)
            == 1;
    if (written) {
      floors.admit(updated); // a finished task retried keeps its old sequence
    }
    return written;
  }

  @Override
  public Optional<AttemptRecord> findAttempt(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + attempts + " WHERE id = ? AND org_id = ?" + " AND env_id = ?",
        JdbcDeliveryRepository::attempt,
        id,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public Page<AttemptRecord> listAttempts(Scope scope, AttemptQuery q, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + attempts + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .andIf(q.eventId(), "event_id = ?")
        .andIf(q.connectionId(), "connection_id = ?")
        .andIf(q.destinationId(), "destination_id = ?")
        .andIf(q.status(), "status = ?")
        .andIf(q.dlq(), "dlq = ?")
        .page(jdbc, page, JdbcDeliveryRepository::attempt, AttemptRecord::id);
  }

  private static String wire(TaskStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Object[] taskValues(DeliveryTask t) {
    return new Object[] {
      t.id(),
      t.orgId(),
      t.envId(),
      t.eventId(),
      t.connectionId(),
      t.destinationId(),
      wire(t.status()),
      t.attempts(),
      t.nextAttemptAt(),
      t.leaseOwner(),
      t.leaseExpiresAt(),
      t.payload(),
      t.payloadContentType(),
      t.sequence(),
      t.orderingKey(),
      t.version(),
      t.createdAt(),
      t.updatedAt()
    };
  }

  private static Object[] attemptValues(AttemptRecord a) {
    return new Object[] {
      a.id(),
      a.orgId(),
      a.envId(),
      a.eventId(),
      a.connectionId(),
      a.destinationId(),
      a.taskId(),
      a.attemptNumber(),
      a.status(),
      a.statusCode(),
      a.latencyMs(),
      JsonCodec.writeMultimap(a.requestHeaders()),
      JsonCodec.writeMultimap(a.responseHeaders()),
      a.responseBody(),
      a.error(),
      a.errorType(),
      a.dlq(),
      a.dlqAt(),
      a.nextRetryAt(),
      a.attemptedAt()
    };
  }

  private static Object[] idAndVersion(ResultSet rs) throws SQLException {
    return new Object[] {rs.getString("id"), rs.getLong("version")};
  }

  @Override
  public TaskBacklog backlog(Instant now) {
    // Pending rows only: PostgreSQL reads them from its partial indexes' range.
    return jdbc.queryOne(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN next_attempt_at <= ? AND (lease_owner IS NULL"
                + " OR lease_expires_at IS NULL OR lease_expires_at <= ?) THEN 1 ELSE 0 END), 0)"
                + " FROM "
                + tasks
                + " WHERE status = 'pending'",
            rs -> new TaskBacklog(rs.getLong(1), rs.getLong(2)),
            now,
            now)
        .orElseThrow();
  }

  /** A row of {@link #withEventColumns}: the task and its event (null columns: event gone). */
  private ClaimedTask claimed(ResultSet rs) throws SQLException {
    String status = rs.getString("event_status");
    if (status == null) {
      return new ClaimedTask(task(rs), null, null, null, null, 0);
    }
    String headersJson = rs.getString("event_headers");
    // Parsed only if a provider reads them: the HTTP path never does.
    EventContext event =
        new EventContext(
            rs.getString("event_source_id"),
            Jdbc.instant(rs, "event_received_at"),
            rs.getString("event_method"),
            () -> JsonCodec.readMultimap(headersJson));
    return new ClaimedTask(
        task(rs),
        EventStatus.fromWire(status),
        rs.getString("event_content_type"),
        rs.getBytes("event_body"),
        rs.getString("event_body_blob_key"),
        rs.getInt("event_tasks"),
        event);
  }

  static DeliveryTask task(ResultSet rs) throws SQLException {
    return new DeliveryTask(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("event_id"),
        rs.getString("connection_id"),
        rs.getString("destination_id"),
        TaskStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getInt("attempts"),
        Jdbc.instant(rs, "next_attempt_at"),
        rs.getString("lease_owner"),
        Jdbc.instant(rs, "lease_expires_at"),
        rs.getBytes("payload"),
        rs.getString("payload_content_type"),
        rs.getLong("sequence"),
        rs.getString("ordering_key"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }

  private static AttemptRecord attempt(ResultSet rs) throws SQLException {
    return new AttemptRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("event_id"),
        rs.getString("connection_id"),
        rs.getString("destination_id"),
        rs.getString("task_id"),
        rs.getInt("attempt_number"),
        rs.getString("status"),
        Jdbc.nullableInt(rs, "status_code"),
        Jdbc.nullableLong(rs, "latency_ms"),
        JsonCodec.readMultimap(rs.getString("request_headers")),
        JsonCodec.readMultimap(rs.getString("response_headers")),
        rs.getString("response_body"),
        rs.getString("error"),
        rs.getString("error_type"),
        rs.getBoolean("dlq"),
        Jdbc.instant(rs, "dlq_at"),
        Jdbc.instant(rs, "next_retry_at"),
        Jdbc.instant(rs, "attempted_at"));
  }
}
