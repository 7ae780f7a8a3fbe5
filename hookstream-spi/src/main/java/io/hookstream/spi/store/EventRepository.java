package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Received events and the atomic hand-over from ingest to routing. */
public interface EventRepository {

  /** Stores a new event; durable when this returns. */
  void insert(EventRecord event);

  /**
   * Stores several events in one transaction where the store supports it (group commit); all
   * are durable when this returns. The default inserts one by one.
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
   * In one atomic step: marks the event routed with {@code status} and stores its delivery
   * tasks. Only the first call for an event succeeds, so two nodes racing to route the same
   * event create its tasks once.
   *
   * @return false if the event is unknown or already routed (nothing written)
   */
  boolean markRouted(
      Scope scope, String eventId, EventStatus status, List<DeliveryTask> tasks, Instant at);

  /** Sets the event's status; false if unknown. */
  boolean updateStatus(Scope scope, String eventId, EventStatus status, Instant at);
}
