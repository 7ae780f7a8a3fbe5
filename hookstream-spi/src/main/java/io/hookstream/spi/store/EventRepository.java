package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Received events, stored with their delivery tasks, and the recovery of unrouted ones. */
public interface EventRepository {

  /** Stores a new event; durable when this returns. */
  void insert(EventRecord event);

  /**
   * Stores a new event that ingest has already routed ({@code routedAt} set) together with its
   * delivery tasks, in one atomic write: no reader sees the event without its tasks, and a crash
   * leaves both or neither. Durable when this returns. CONFLICT, with nothing written, if the
   * event's or a task's id is taken. This is the ingest hot path: stores with group commit write
   * concurrent callers' events and tasks in one commit.
   */
  void insertRouted(EventRecord event, List<DeliveryTask> tasks);

  /**
   * Stores several events in one transaction where the store supports it (group commit); all are
   * durable when this returns. The default inserts one by one.
   */
  default void insertAll(List<EventRecord> events) {
    events.forEach(this::insert);
  }

  Optional<EventRecord> find(Scope scope, String id);

  /** Events newest first, filtered by {@code query}. */
  Page<EventRecord> list(Scope scope, EventQuery query, PageRequest page);

  /**
   * Across all tenants, for the recovery sweep: non-duplicate events not yet routed that were
   * received before {@code receivedBefore}, oldest first.
   */
  List<EventRecord> findUnrouted(Instant receivedBefore, int limit);

  /**
   * In one atomic step: marks the event routed with {@code status} and stores its delivery tasks.
   * Only the first call for an event succeeds, so two nodes racing to route the same event create
   * its tasks once.
   *
   * @return false if the event is unknown or already routed (nothing written)
   */
  boolean markRouted(
      Scope scope, String eventId, EventStatus status, List<DeliveryTask> tasks, Instant at);

  /** Sets the event's status; false if unknown. */
  boolean updateStatus(Scope scope, String eventId, EventStatus status, Instant at);

  /**
   * Retention: deletes up to {@code limit} events of {@code scope} received before {@code before},
   * oldest first, together with their delivery tasks and attempts, and returns them. {@code
   * beforeDelete} is called with those events before anything is deleted (to archive them); if it
   * throws, nothing is deleted and the exception propagates. Body blobs are the caller's to delete.
   * Two concurrent purges of one scope never return the same event.
   */
  List<EventRecord> purgeBefore(
      Scope scope, Instant before, int limit, Consumer<List<EventRecord>> beforeDelete);
}
