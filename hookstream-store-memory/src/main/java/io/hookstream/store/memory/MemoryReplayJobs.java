package io.hookstream.store.memory;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.ReplayJobRepository;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay jobs in memory. Job writes hold one lock, so a compare-and-set and the tasks an advance
 * stores are one step; the event scan walks the scope's events in id order. Thread-safe.
 */
final class MemoryReplayJobs implements ReplayJobRepository {

  private final Object lock = new Object();
  private final ScopedTable<ReplayJobRecord> jobs =
      new ScopedTable<>("replay job", ReplayJobRecord::id, ReplayJobRecord::scope, true);
  private final Map<String, Set<String>> tasksByJob = new ConcurrentHashMap<>();
  private final MemoryEvents events;
  private final MemoryDeliveries deliveries;

  MemoryReplayJobs(MemoryEvents events, MemoryDeliveries deliveries) {
    this.events = events;
    this.deliveries = deliveries;
  }

  @Override
  public void insert(ReplayJobRecord job) {
    synchronized (lock) {
      jobs.insert(job);
    }
  }

  @Override
  public Optional<ReplayJobRecord> find(Scope scope, String id) {
    return jobs.get(scope, id);
  }

  @Override
  public Page<ReplayJobRecord> list(Scope scope, PageRequest page) {
    return jobs.page(scope, page, j -> true);
  }

  @Override
  public List<ReplayJobRecord> runnable(String owner, Instant now, int limit) {
    List<ReplayJobRecord> due = new ArrayList<>();
    for (ReplayJobRecord j : jobs.all()) {
      if (j.active() && !j.leasedByOther(owner, now)) {
        due.add(j);
      }
    }
    due.sort(java.util.Comparator.comparing(ReplayJobRecord::id));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

  @Override
  public boolean compareAndSet(ReplayJobRecord updated, long expectedVersion) {
    return advance(updated, expectedVersion, List.of());
  }

  @Override
  public boolean advance(ReplayJobRecord updated, long expectedVersion, List<DeliveryTask> tasks) {
    synchronized (lock) {
      Optional<ReplayJobRecord> stored = jobs.get(updated.scope(), updated.id());
      if (stored.isEmpty() || stored.get().version() != expectedVersion) {
        return false;
      }
      deliveries.insertTasks(tasks);
      Set<String> ids =
          tasksByJob.computeIfAbsent(updated.id(), k -> ConcurrentHashMap.newKeySet());
      tasks.forEach(t -> ids.add(t.id()));
      jobs.update(updated.scope(), updated.id(), old -> updated);
      return true;
    }
  }

  @Override
  public List<EventRecord> nextEvents(ReplayJobRecord job, int limit) {
    List<EventRecord> next = new ArrayList<>();
    for (Iterator<EventRecord> it = events.oldestFirst(job.scope());
        it.hasNext() && next.size() < limit; ) {
      EventRecord e = it.next();
      if ((job.cursorEventId() == null || e.id().compareTo(job.cursorEventId()) > 0)
          && matches(job, e)) {
        next.add(e);
      }
    }
    return next;
  }

  @Override
  public int countEvents(ReplayJobRecord job, int cap) {
    int n = 0;
    for (Iterator<EventRecord> it = events.oldestFirst(job.scope()); it.hasNext() && n < cap; ) {
      if (matches(job, it.next())) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Map<TaskStatus, Integer> taskCounts(Scope scope, String jobId) {
    Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    for (String id : tasksByJob.getOrDefault(jobId, Set.of())) {
      deliveries.findTask(scope, id).ifPresent(t -> counts.merge(t.status(), 1, Integer::sum));
    }
    return counts;
  }

  private static boolean matches(ReplayJobRecord job, EventRecord e) {
    return !e.duplicate()
        && !e.receivedAt().isBefore(job.from())
        && !e.receivedAt().isAfter(job.to())
        && (job.sourceId() == null || job.sourceId().equals(e.sourceId()))
        && (job.eventStatus() == null || job.eventStatus() == e.status());
  }
}
