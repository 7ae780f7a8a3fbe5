package io.hookstream.delivery.internal;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * Derives an event's status from its tasks once one settles: processing while any task is
 * pending, else failed if any is dead, else delivered if any succeeded. An event whose tasks
 * were all cancelled keeps its status. Stateless and thread-safe: each caller reads after its own
 * write, so the last task to settle sees them all.
 */
public final class EventStatusUpdater {

  private final Store store;

  public EventStatusUpdater(Store store) {
    this.store = store;
  }

  /** Recomputes and stores the status of event {@code eventId}. */
  public void refresh(Scope scope, String eventId, Instant now) {
    List<DeliveryTask> tasks = store.deliveries().tasksForEvent(scope, eventId);
    EventStatus target = target(tasks);
    if (target == null) {
      return;
    }
    store.events().find(scope, eventId)
        .filter(e -> e.status() != target)
        .ifPresent(e -> store.events().updateStatus(scope, eventId, target, now));
  }

  static EventStatus target(List<DeliveryTask> tasks) {
    boolean dead = false;
    boolean succeeded = false;
    for (DeliveryTask t : tasks) {
      switch (t.status()) {
        case PENDING -> {
          return EventStatus.PROCESSING;
        }
        case DEAD -> dead = true;
        case SUCCEEDED -> succeeded = true;
        case CANCELLED -> { }
      }
    }
    return dead ? EventStatus.FAILED : succeeded ? EventStatus.DELIVERED : null;
  }

  static boolean terminal(TaskStatus status) {
    return status != TaskStatus.PENDING;
  }
}
