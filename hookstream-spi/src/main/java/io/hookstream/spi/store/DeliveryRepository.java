package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Delivery tasks (durable work) and the attempts they produced. */
public interface DeliveryRepository {

  /** Stores new tasks (retries, replays) in one step. */
  void insertTasks(List<DeliveryTask> tasks);

  Optional<DeliveryTask> findTask(Scope scope, String id);

  /** Every task of an event, oldest first. */
  List<DeliveryTask> tasksForEvent(Scope scope, String eventId);

  /**
   * Across all tenants: the ids of destinations that have at least one due task (pending, {@code
   * nextAttemptAt <= now}, no live lease), the destination with the oldest due task first, at most
   * {@code limit}; destinations in {@code excludedDestinations} are skipped. A read, claims
   * nothing.
   */
  List<String> dueDestinations(Instant now, int limit, Collection<String> excludedDestinations);

  /**
   * Claims due tasks of one destination under the rules of {@link DestinationClaim}: lowest {@code
   * (sequence, id)} first, never more than {@code maxLeased} leased at once, head of line only when
   * ordered, and per ordering key only the key's first pending task. Atomic with respect to every
   * other claim on the same destination, so the limits hold across nodes. Reads in the same step
   * what delivering each claimed task needs from its event (see {@link ClaimedTask}): its status,
   * body (or body blob key), content type and how many tasks it has.
   */
  List<ClaimedTask> claimDeliveries(DestinationClaim claim);

  /**
   * Extends the leases {@code owner} still holds on {@code taskIds}; returns how many. Only the
   * lease expiry changes, not the version, so the holder's copy stays good for {@link #settle}.
   */
  int renewLeases(String owner, Collection<String> taskIds, Instant leaseUntil);

  /**
   * Releases every lease {@code owner} holds on pending tasks, whatever its expiry: the tasks
   * become claimable at once (by their next attempt time), and a later settle or renewal by {@code
   * owner} finds the lease lost. Returns how many were released. Used when a node restarts under
   * the same id and when a dead node's leases are reclaimed.
   */
  int releaseLeases(String owner, Instant now);

  /**
   * In one atomic step: records {@code attempt} (if not null) and replaces the task with {@code
   * updated}, but only while {@code owner} still holds the lease on the stored task.
   *
   * @return false if the lease was lost (nothing written)
   */
  boolean settle(String owner, DeliveryTask updated, AttemptRecord attempt);

  /**
   * Like {@link #settle(String, DeliveryTask, AttemptRecord)}, and in the same atomic step sets the
   * status of the task's event to {@code eventStatus} (stamping {@code updated.updatedAt()}),
   * unless it is null. Nothing is written if the lease was lost.
   *
   * @return false if the lease was lost (nothing written)
   */
  boolean settle(
      String owner, DeliveryTask updated, AttemptRecord attempt, EventStatus eventStatus);

  /** Replaces a task without a lease check (manual retry, cancel); false if its version moved. */
  boolean update(DeliveryTask updated);

  Optional<AttemptRecord> findAttempt(Scope scope, String id);

  Page<AttemptRecord> listAttempts(Scope scope, AttemptQuery query, PageRequest page);

  /**
   * Across all tenants: how many tasks are pending, and how many of them are due at {@code now}
   * without a live lease (as {@link #dueDestinations} sees them). A read for gauges; claims
   * nothing.
   */
  TaskBacklog backlog(Instant now);
}
