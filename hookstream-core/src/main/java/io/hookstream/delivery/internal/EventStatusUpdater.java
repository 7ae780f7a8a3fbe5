package io.hookstream.delivery.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives an event's status from its tasks once one settles, counting only the newest task of each
 * route (connection and destination), since a retry supersedes the earlier one: processing while
 * any is pending, else failed if any is dead, else delivered if any succeeded. An event whose tasks
 * were all cancelled keeps its status. Stateless and thread-safe: tasks of one event settle on
 * several threads, and a caller that computed its status early may write it after a later caller's;
 * so each caller re-reads after writing and writes again until the stored status is what the tasks
 * say, and the last writer always leaves the final status.
 */
public final class EventStatusUpdater {

  /** Each extra round needs another thread's write in between; a handful always suffices. */
  private static final int MAX_ROUNDS = 8;

  private final Store store;

  public EventStatusUpdater(Store store) {
    this.store = store;
  }

  /**
   * Just before {@code settling} (a task's final state) is settled: stores the status the event
   * will have once it is, so that a node dying right after the settle leaves the event right.
   * Returns whether the event has other routes, whose concurrent settles need {@link #refresh}
   * after this one to converge.
   */
  public boolean prepare(DeliveryTask settling, Instant now) {
    Scope scope = settling.scope();
    List<DeliveryTask> tasks =
        new ArrayList<>(store.deliveries().tasksForEvent(scope, settling.eventId()));
    tasks.replaceAll(t -> t.id().equals(settling.id()) ? settling : t);
    EventStatus target = target(tasks);
    if (target != null) {
      store
          .events()
          .find(scope, settling.eventId())
          .filter(e -> e.status() != target)
          .ifPresent(e -> store.events().updateStatus(scope, e.id(), target, now));
    }
    return latest(tasks).size() > 1;
  }

  /** Recomputes and stores the status of event {@code eventId}. */
  public void refresh(Scope scope, String eventId, Instant now) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      EventStatus target = target(store.deliveries().tasksForEvent(scope, eventId));
      EventStatus stored = store.events().find(scope, eventId).map(e -> e.status()).orElse(null);
      if (target == null || stored == null || stored == target) {
        return;
      }
      store.events().updateStatus(scope, eventId, target, now);
    }
  }

  static EventStatus target(List<DeliveryTask> tasks) {
    boolean dead = false;
    boolean succeeded = false;
    for (DeliveryTask t : latest(tasks)) {
      switch (t.status()) {
        case PENDING -> {
          return EventStatus.PROCESSING;
        }
        case DEAD -> dead = true;
        case SUCCEEDED -> succeeded = true;
        case CANCELLED -> {}
      }
    }
    return dead ? EventStatus.FAILED : succeeded ? EventStatus.DELIVERED : null;
  }

  /**
   * The newest task of each route: a retry supersedes the earlier task of the same route. Replay
   * tasks are left out: a replay does not change what happened to the event.
   */
  private static java.util.Collection<DeliveryTask> latest(List<DeliveryTask> tasks) {
    Map<String, DeliveryTask> latest = new HashMap<>();
    for (DeliveryTask t : tasks) {
      if (TaskFactory.isReplay(t)) {
        continue;
      }
      latest.merge(
          t.connectionId() + "\n" + t.destinationId(),
          t,
          (a, b) -> b.sequence() > a.sequence() ? b : a);
    }
    return latest.values();
  }
}
