package io.hookstream.store.memory;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventRepository;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Events per scope in a newest-first skip list, with a per-source id index (for the source filter
 * and counts) and an index of unrouted events ordered by receipt for the recovery sweep. The
 * unrouted index is a hint: entries are checked against the row and dropped when stale.
 */
final class MemoryEvents implements EventRepository {

  private record SourceKey(Scope scope, String sourceId) {}

  private record Unrouted(Instant receivedAt, String id, Scope scope) {
    static final Comparator<Unrouted> ORDER =
        Comparator.comparing(Unrouted::receivedAt).thenComparing(Unrouted::id);
  }

  private final ScopedTable<EventRecord> table =
      new ScopedTable<>("event", EventRecord::id, EventRecord::scope, false);
  private final ConcurrentHashMap<SourceKey, ConcurrentSkipListSet<String>> bySource =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SourceKey, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Unrouted> unrouted =
      new ConcurrentSkipListSet<>(Unrouted.ORDER);
  private final MemoryDeliveries deliveries;
  private final Object purgeLock = new Object();

  MemoryEvents(MemoryDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void insert(EventRecord event) {
    Objects.requireNonNull(event.receivedAt(), "receivedAt");
    table.insert(event);
    if (event.sourceId() != null) {
      SourceKey key = new SourceKey(event.scope(), event.sourceId());
      bySource.computeIfAbsent(key, k -> Pages.newestFirstSet()).add(event.id());
      counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
    if (!event.duplicate() && event.routedAt() == null) {
      unrouted.add(new Unrouted(event.receivedAt(), event.id(), event.scope()));
    }
  }

  /**
   * Under the task lock, like {@link #markRouted}: the tasks go in first, then the event, so a
   * reader who sees the event sees its tasks. A taken event id is refused before either is written.
   */
  @Override
  public void insertRouted(EventRecord event, List<DeliveryTask> tasks) {
    Objects.requireNonNull(event.routedAt(), "routedAt");
    deliveries.insertIf(
        tasks,
        () -> {
          table.checkFree(event.scope(), event.id());
          return true;
        },
        () -> insert(event));
  }

  @Override
  public Optional<EventRecord> find(Scope scope, String id) {
    return table.get(scope, id);
  }

  @Override
  public Page<EventRecord> list(Scope scope, EventQuery query, PageRequest page) {
    EventQuery q = query == null ? EventQuery.ALL : query;
    Iterator<EventRecord> rows;
    if (q.sourceId() == null) {
      rows = table.newestFirst(scope, page.after());
    } else {
      rows =
          table.newestFirst(scope, bySource.get(new SourceKey(scope, q.sourceId())), page.after());
    }
    return Pages.collect(rows, e -> matches(e, q), page, EventRecord::id);
  }

  private static boolean matches(EventRecord e, EventQuery q) {
    return (q.status() == null || q.status() == e.status())
        && (q.after() == null || !e.receivedAt().isBefore(q.after()))
        && (q.before() == null || e.receivedAt().isBefore(q.before()))
        && (q.search() == null || q.search().isEmpty() || found(e, q.search()));
  }

  private static boolean found(EventRecord e, String search) {
    return e.id().startsWith(search)
        || (e.body() != null && new String(e.body(), StandardCharsets.UTF_8).contains(search));
  }

  @Override
  public List<EventRecord> findUnrouted(Instant receivedBefore, int limit) {
    List<EventRecord> result = new ArrayList<>();
    Iterator<Unrouted> it = unrouted.headSet(new Unrouted(receivedBefore, "", null)).iterator();
    while (it.hasNext() && result.size() < limit) {
      Unrouted entry = it.next();
      EventRecord event = table.get(entry.scope(), entry.id()).orElse(null);
      if (event == null || event.routedAt() != null) {
        it.remove(); // routed since it was indexed
      } else {
        result.add(event);
      }
    }
    return result;
  }

  @Override
  public boolean markRouted(
      Scope scope, String eventId, EventStatus status, List<DeliveryTask> tasks, Instant at) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    EventRecord[] before = new EventRecord[1];
    // Every markRouted runs under the task lock, so check-then-write is safe; the event is marked
    // routed only after its tasks are in, so no reader sees a routed event without its tasks.
    boolean routed =
        deliveries.insertIf(
            tasks,
            () -> table.get(scope, eventId).filter(e -> e.routedAt() == null).isPresent(),
            () ->
                table.update(
                    scope,
                    eventId,
                    e -> {
                      before[0] = e;
                      return e.withRouted(status, at);
                    }));
    if (routed) {
      unrouted.remove(new Unrouted(before[0].receivedAt(), eventId, scope));
    }
    return routed;
  }

  @Override
  public boolean updateStatus(Scope scope, String eventId, EventStatus status, Instant at) {
    Objects.requireNonNull(status, "status");
    return table.update(scope, eventId, e -> e.withStatus(status, at)).isPresent();
  }

  /**
   * Retention. The scope's events are scanned oldest id first (ids follow arrival, but a caller may
   * set any receivedAt, so the scan does not stop early); one purge runs at a time.
   */
  @Override
  public List<EventRecord> purgeBefore(
      Scope scope, Instant before, int limit, Consumer<List<EventRecord>> beforeDelete) {
    Objects.requireNonNull(before, "before");
    synchronized (purgeLock) {
      List<EventRecord> expired = new ArrayList<>();
      for (Iterator<EventRecord> it = table.oldestFirst(scope);
          it.hasNext() && expired.size() < limit; ) {
        EventRecord e = it.next();
        if (e.receivedAt().isBefore(before)) {
          expired.add(e);
        }
      }
      if (expired.isEmpty()) {
        return List.of();
      }
      beforeDelete.accept(List.copyOf(expired));
      deliveries.removeForEvents(scope, expired.stream().map(EventRecord::id).toList());
      for (EventRecord e : expired) {
        table.remove(scope, e.id());
        unrouted.remove(new Unrouted(e.receivedAt(), e.id(), scope));
        if (e.sourceId() != null) {
          SourceKey key = new SourceKey(scope, e.sourceId());
          ConcurrentSkipListSet<String> ids = bySource.get(key);
          if (ids != null && ids.remove(e.id())) {
            counts.get(key).decrement();
          }
        }
      }
      return List.copyOf(expired);
    }
  }

  /** Every event of {@code scope}, lowest id first. */
  Iterator<EventRecord> oldestFirst(Scope scope) {
    return table.oldestFirst(scope);
  }

  /** Every event of every scope, in no particular order. */
  List<EventRecord> all() {
    return table.all();
  }

  /** The events of {@code scope} with an id above {@code after} (all when null), lowest first. */
  Iterator<EventRecord> oldestFirstAfter(Scope scope, String after) {
    return table.oldestFirstAfter(scope, after);
  }

  /** Every event of {@code scope}, newest (highest id) first. */
  Iterator<EventRecord> newestFirst(Scope scope) {
    return table.newestFirst(scope, null);
  }

  long countForSource(Scope scope, String sourceId) {
    LongAdder count = counts.get(new SourceKey(scope, sourceId));
    return count == null ? 0 : count.sum();
  }
}
