package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replay and bulk-retry jobs, their progress, and the delivery tasks they created. Every write is a
 * compare-and-set on {@code version}, so two nodes stepping one job at once write one step.
 */
public interface ReplayJobRepository {

  /** Stores a new job; CONFLICT if the id is taken. */
  void insert(ReplayJobRecord job);

  Optional<ReplayJobRecord> find(Scope scope, String id);

  /** Jobs newest first. */
  Page<ReplayJobRecord> list(Scope scope, PageRequest page);

  /**
   * Across all tenants: up to {@code limit} running jobs that {@code owner} may step at {@code now}
   * (no lease, its own lease, or an expired one), oldest first.
   */
  List<ReplayJobRecord> runnable(String owner, Instant now, int limit);

  /** Replaces the job if its stored version is {@code expectedVersion}; false otherwise. */
  boolean compareAndSet(ReplayJobRecord updated, long expectedVersion);

  /**
   * In one atomic step: replaces the job as {@link #compareAndSet} does, stores {@code tasks} and
   * records them as the job's. Nothing is written if the version moved.
   *
   * @return false if the version moved (nothing written)
   */
  boolean advance(ReplayJobRecord updated, long expectedVersion, List<DeliveryTask> tasks);

  /**
   * The job's next events: those of its scope received within {@code [from, to]}, of its source and
   * event status when set, not duplicates, with an id above {@code cursorEventId} (all when null);
   * at most {@code limit}, in id order.
   */
  List<EventRecord> nextEvents(ReplayJobRecord job, int limit);

  /**
   * How many events {@link #nextEvents} would visit from the start, counting at most {@code cap}.
   */
  int countEvents(ReplayJobRecord job, int cap);

  /** How many of the job's tasks are in each status (absent statuses are left out). */
  Map<TaskStatus, Integer> taskCounts(Scope scope, String jobId);
}
