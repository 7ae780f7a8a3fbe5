package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.EventContext;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskBacklog;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Delivery tasks and attempts. Every task write holds one lock, which makes claims exclusive and
 * keeps the indexes exact: per destination, pending unleased tasks by {@code nextAttemptAt} and
 * pending tasks by sequence, and those a claim may take (unkeyed ones and each ordering key's head,
 * {@link KeyLines}); leased tasks by lease expiry (moved back to the first index once expired). A
 * claim therefore reads one destination's pending tasks, and the due scan one entry per
 * destination, never every task. Reads are lock-free.
 */
final class MemoryDeliveries implements DeliveryRepository {

  /** An index entry: a task id at an instant. */
  private record Slot(Instant at, String id) {
    static final Comparator<Slot> ORDER = Comparator.comparing(Slot::at).thenComparing(Slot::id);
  }

  private final Object lock = new Object();
  private final ConcurrentHashMap<String, DeliveryTask> tasks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> tasksByEvent =
      new ConcurrentHashMap<>();

  /**
   * Pending tasks without a live lease, per destination by next attempt (no empty sets); guarded by
   * {@link #lock}.
   */
  private final Map<String, TreeSet<Slot>> waitingByDestination = new HashMap<>();

  /** Pending tasks under a lease, by lease expiry; guarded by {@link #lock}. */
  private final TreeSet<Slot> leased = new TreeSet<>(Slot.ORDER);

  /** Pending tasks (leased or not) per destination, by (sequence, id); guarded by the lock. */
  private final Map<String, TreeSet<DeliveryTask>> pendingByDestination = new HashMap<>();

  /** Live leases per destination, kept equal to the entries of {@link #leased}. */
  private final Map<String, Integer> leasedByDestination = new HashMap<>();

  private static final Comparator<DeliveryTask> SEQUENCE =
      Comparator.comparingLong(DeliveryTask::sequence).thenComparing(DeliveryTask::id);

  /** What non-ordered claims walk: pending tasks minus those behind their key's head. */
  private final KeyLines keyLines = new KeyLines(SEQUENCE);

  private final ScopedTable<AttemptRecord> attempts =
      new ScopedTable<>("attempt", AttemptRecord::id, AttemptRecord::scope, false);
  private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> attemptsByEvent =
      new ConcurrentHashMap<>();

  /** The store's events, for claims that return them and settles that set their status. */
  private volatile MemoryEvents events;

  /** Every attempt of {@code scope}, lowest id first. */
  Iterator<AttemptRecord> attemptsOf(Scope scope) {
    return attempts.oldestFirst(scope);
  }

  /** How many of the scope's tasks are in {@code status}. */
  long countTasks(Scope scope, TaskStatus status) {
    return tasks.values().stream()
        .filter(t -> t.status() == status && t.scope().equals(scope))
        .count();
  }

  /** Runs {@code work} under the task lock, atomic with respect to every task write. */
  <T> T locked(Supplier<T> work) {
    synchronized (lock) {
      return work.get();
    }
  }

  /** Connects the store's events (they are built after this repository). */
  void useEvents(MemoryEvents events) {
    this.events = events;
  }

  @Override
  public void insertTasks(List<DeliveryTask> newTasks) {
    insertIf(newTasks, () -> true, () -> {});
  }

  /**
   * Inserts {@code newTasks} and then runs {@code then}, if {@code condition} holds, all under the
   * task lock (so a reader who sees the effect of {@code then} also sees the tasks); CONFLICT, with
   * nothing written, if an id is taken.
   */
  boolean insertIf(List<DeliveryTask> newTasks, BooleanSupplier condition, Runnable then) {
    List<DeliveryTask> list = newTasks == null ? List.of() : newTasks;
    synchronized (lock) {
      Set<String> ids = new HashSet<>();
      for (DeliveryTask task : list) {
        Objects.requireNonNull(task.nextAttemptAt(), "nextAttemptAt");
        if (tasks.containsKey(task.id()) || !ids.add(task.id())) {
          throw new HookstreamException(
              ErrorCode.CONFLICT, "delivery task id already exists: " + task.id());
        }
      }
      if (!condition.getAsBoolean()) {
        return false;
      }
      for (DeliveryTask task : list) {
        put(task);
        tasksByEvent
            .computeIfAbsent(task.eventId(), e -> new ConcurrentSkipListSet<>())
            .add(task.id());
      }
      then.run();
      return true;
    }
  }

  @Override
  public Optional<DeliveryTask> findTask(Scope scope, String id) {
    return Optional.ofNullable(id == null ? null : tasks.get(id))
        .filter(t -> t.scope().equals(scope));
  }

  @Override
  public List<DeliveryTask> tasksForEvent(Scope scope, String eventId) {
    ConcurrentSkipListSet<String> ids = eventId == null ? null : tasksByEvent.get(eventId);
    List<DeliveryTask> result = new ArrayList<>();
    if (ids != null) {
      for (String id : ids) {
        findTask(scope, id).ifPresent(result::add);
      }
    }
    return result;
  }

  @Override
  public List<String> dueDestinations(
      Instant now, int limit, Collection<String> excludedDestinations) {
    Objects.requireNonNull(now, "now");
    Set<String> excluded =
        excludedDestinations == null ? Set.of() : new HashSet<>(excludedDestinations);
    // One look per destination at its oldest waiting task, never a walk over the backlog.
    TreeMap<Slot, String> heads = new TreeMap<>(Slot.ORDER);
    synchronized (lock) {
      releaseExpiredLeases(now);
      waitingByDestination.forEach(
          (destination, slots) -> {
            Slot first = slots.first();
            if (!excluded.contains(destination) && !first.at().isAfter(now)) {
              heads.put(first, destination);
            }
          });
    }
    return heads.values().stream().limit(Math.max(0, limit)).toList();
  }

  /** Leases the tasks {@code claim} may take; the caller holds the lock. */
  private List<DeliveryTask> leaseFor(DestinationClaim claim) {
    Objects.requireNonNull(claim, "claim");
    List<DeliveryTask> claimed = new ArrayList<>();
    releaseExpiredLeases(claim.now());
    TreeSet<DeliveryTask> pending = pendingByDestination.get(claim.destinationId());
    if (pending == null) {
      return claimed;
    }
    int live = leasedByDestination.getOrDefault(claim.destinationId(), 0);
    for (String id : claim.answered()) {
      DeliveryTask t = tasks.get(id);
      if (t != null && t.status() == TaskStatus.PENDING && claim.owner().equals(t.leaseOwner())) {
        live--; // answered, being settled: leased but not in flight
      }
    }
    int room = Math.min(claim.limit(), claim.maxLeased() - live);
    List<DeliveryTask> candidates = new ArrayList<>();
    // Ordered: the destination's head of line; otherwise the unkeyed tasks and each key's head.
    for (DeliveryTask task :
        claim.ordered() ? pending : keyLines.claimable(claim.destinationId())) {
      if (candidates.size() >= room) {
        break;
      }
      boolean eligible =
          task.due(claim.now())
              && (claim.createdBefore() == null
                  || !task.createdAt().isAfter(claim.createdBefore()));
      if (eligible) {
        candidates.add(task);
      }
      if (claim.ordered()) {
        break; // only the head of the line may go
      }
    }
    for (DeliveryTask task : candidates) {
      DeliveryTask mine = task.claimed(claim.owner(), claim.leaseUntil(), claim.now());
      replace(task, mine);
      claimed.add(mine);
    }
    return claimed;
  }

  @Override
  public List<ClaimedTask> claimDeliveries(DestinationClaim claim) {
    synchronized (lock) {
      List<ClaimedTask> claimed = new ArrayList<>();
      for (DeliveryTask task : leaseFor(claim)) {
        EventRecord event = events.find(task.scope(), task.eventId()).orElse(null);
        claimed.add(
            event == null
                ? new ClaimedTask(task, null, null, null, null, 0)
                : new ClaimedTask(
                    task,
                    event.status(),
                    event.contentType(),
                    event.body(),
                    event.bodyBlobKey(),
                    tasksByEvent.get(task.eventId()).size(),
                    EventContext.of(
                        event.sourceId(), event.receivedAt(), event.method(), event.headers())));
      }
      return claimed;
    }
  }

  /** Moves tasks whose lease ended at or before {@code now} back to the waiting index. */
  private void releaseExpiredLeases(Instant now) {
    for (Iterator<Slot> it = leased.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (slot.at().isAfter(now)) {
        return;
      }
      it.remove();
      DeliveryTask task = tasks.get(slot.id());
      leasedByDestination.merge(task.destinationId(), -1, Integer::sum);
      addWaiting(task.destinationId(), new Slot(task.nextAttemptAt(), slot.id()));
    }
  }

  @Override
  public int renewLeases(String owner, Collection<String> taskIds, Instant leaseUntil) {
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    int renewed = 0;
    synchronized (lock) {
      for (String id : taskIds) {
        DeliveryTask t = tasks.get(id);
        if (t != null
            && t.status() == TaskStatus.PENDING
            && Objects.equals(owner, t.leaseOwner())) {
          replace(
              t,
              new DeliveryTask(
                  t.id(),
                  t.orgId(),
                  t.envId(),
                  t.eventId(),
                  t.connectionId(),
                  t.destinationId(),
                  t.status(),
                  t.attempts(),
                  t.nextAttemptAt(),
                  owner,
                  leaseUntil,
                  t.payload(),
                  t.payloadContentType(),
                  t.sequence(),
                  t.orderingKey(),
                  t.version(),
                  t.createdAt(),
                  t.updatedAt()));
          renewed++;
        }
      }
    }
    return renewed;
  }

  @Override
  public int releaseLeases(String owner, Instant now) {
    Objects.requireNonNull(owner, "owner");
    synchronized (lock) {
      List<DeliveryTask> held = new ArrayList<>();
      for (Slot slot : leased) {
        DeliveryTask task = tasks.get(slot.id());
        if (owner.equals(task.leaseOwner())) {
          held.add(task);
        }
      }
      held.forEach(t -> replace(t, t.settled(t.status(), t.attempts(), t.nextAttemptAt(), now)));
      return held.size();
    }
  }

  @Override
  public boolean settle(String owner, DeliveryTask updated, AttemptRecord attempt) {
    Objects.requireNonNull(owner, "owner");
    synchronized (lock) {
      DeliveryTask stored = tasks.get(updated.id());
      if (stored == null
          || !stored.scope().equals(updated.scope())
          || !owner.equals(stored.leaseOwner())) {
        return false;
      }
      if (attempt != null) {
        attempts.insert(attempt);
        attemptsByEvent
            .computeIfAbsent(attempt.eventId(), e -> Pages.newestFirstSet())
            .add(attempt.id());
      }
      replace(stored, updated);
      return true;
    }
  }

  @Override
  public boolean settle(
      String owner, DeliveryTask updated, AttemptRecord attempt, EventStatus eventStatus) {
    synchronized (lock) {
      if (!settle(owner, updated, attempt)) {
        return false;
      }
      if (eventStatus != null) {
        events.updateStatus(updated.scope(), updated.eventId(), eventStatus, updated.updatedAt());
      }
      return true;
    }
  }

  @Override
  public boolean update(DeliveryTask updated) {
    synchronized (lock) {
      DeliveryTask stored = tasks.get(updated.id());
      if (stored == null
          || !stored.scope().equals(updated.scope())
          || stored.version() != updated.version() - 1) {
        return false;
      }
      replace(stored, updated);
      return true;
    }
  }

  @Override
  public Optional<AttemptRecord> findAttempt(Scope scope, String id) {
    return attempts.get(scope, id);
  }

  @Override
  public Page<AttemptRecord> listAttempts(Scope scope, AttemptQuery query, PageRequest page) {
    AttemptQuery q = query == null ? AttemptQuery.ALL : query;
    Iterator<AttemptRecord> rows;
    if (q.eventId() == null) {
      rows = attempts.newestFirst(scope, page.after());
    } else {
      rows = attempts.newestFirst(scope, attemptsByEvent.get(q.eventId()), page.after());
    }
    return Pages.collect(rows, a -> matches(a, q), page, AttemptRecord::id);
  }

  @Override
  public TaskBacklog backlog(Instant now) {
    Objects.requireNonNull(now, "now");
    // Every waiting slot at or before now sorts before (now + 1 ns, "").
    Slot after = new Slot(now.plusNanos(1), "");
    synchronized (lock) {
      releaseExpiredLeases(now);
      long pending = 0;
      for (TreeSet<DeliveryTask> p : pendingByDestination.values()) {
        pending += p.size();
      }
      long due = 0;
      for (TreeSet<Slot> waiting : waitingByDestination.values()) {
        due += waiting.headSet(after).size();
      }
      return new TaskBacklog(pending, due);
    }
  }

  private static boolean matches(AttemptRecord a, AttemptQuery q) {
    return (q.eventId() == null || q.eventId().equals(a.eventId()))
        && (q.connectionId() == null || q.connectionId().equals(a.connectionId()))
        && (q.destinationId() == null || q.destinationId().equals(a.destinationId()))
        && (q.status() == null || q.status().equals(a.status()))
        && (q.dlq() == null || q.dlq() == a.dlq());
  }

  /** Every attempt of {@code scope}, newest (highest id) first. */
  Iterator<AttemptRecord> newestAttempts(Scope scope) {
    return attempts.newestFirst(scope, null);
  }

  /** Every attempt of every scope, in no particular order. */
  List<AttemptRecord> allAttempts() {
    return attempts.all();
  }

  /** Retention: drops every task and attempt of {@code eventIds} in {@code scope}. */
  void removeForEvents(Scope scope, Collection<String> eventIds) {
    synchronized (lock) {
      for (String eventId : eventIds) {
        ConcurrentSkipListSet<String> taskIds = tasksByEvent.remove(eventId);
        if (taskIds != null) {
          for (String id : taskIds) {
            DeliveryTask task = tasks.get(id);
            if (task != null && task.scope().equals(scope)) {
              unindex(task);
              tasks.remove(id);
            }
          }
        }
        ConcurrentSkipListSet<String> attemptIds = attemptsByEvent.remove(eventId);
        if (attemptIds != null) {
          attemptIds.forEach(id -> attempts.remove(scope, id));
        }
      }
    }
  }

  // Index maintenance; callers hold the lock.

  private void put(DeliveryTask task) {
    tasks.put(task.id(), task);
    if (task.status() != TaskStatus.PENDING) {
      return;
    }
    pendingByDestination
        .computeIfAbsent(task.destinationId(), d -> new TreeSet<>(SEQUENCE))
        .add(task);
    keyLines.add(task);
    if (task.leaseOwner() != null && task.leaseExpiresAt() != null) {
      leased.add(new Slot(task.leaseExpiresAt(), task.id()));
      leasedByDestination.merge(task.destinationId(), 1, Integer::sum);
    } else {
      addWaiting(task.destinationId(), new Slot(task.nextAttemptAt(), task.id()));
    }
  }

  private void addWaiting(String destinationId, Slot slot) {
    waitingByDestination.computeIfAbsent(destinationId, d -> new TreeSet<>(Slot.ORDER)).add(slot);
  }

  private void removeWaiting(String destinationId, Slot slot) {
    TreeSet<Slot> slots = waitingByDestination.get(destinationId);
    if (slots != null && slots.remove(slot) && slots.isEmpty()) {
      waitingByDestination.remove(destinationId);
    }
  }

  private void replace(DeliveryTask stored, DeliveryTask updated) {
    Objects.requireNonNull(updated.nextAttemptAt(), "nextAttemptAt");
    unindex(stored);
    put(updated);
  }

  /** Takes {@code stored} out of the claim indexes. */
  private void unindex(DeliveryTask stored) {
    removeWaiting(stored.destinationId(), new Slot(stored.nextAttemptAt(), stored.id()));
    if (stored.leaseExpiresAt() != null
        && leased.remove(new Slot(stored.leaseExpiresAt(), stored.id()))) {
      leasedByDestination.merge(stored.destinationId(), -1, Integer::sum);
    }
    TreeSet<DeliveryTask> pending = pendingByDestination.get(stored.destinationId());
    if (pending != null && pending.remove(stored)) {
      keyLines.remove(stored);
    }
  }
}
