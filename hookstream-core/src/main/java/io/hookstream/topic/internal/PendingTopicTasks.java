package io.hookstream.topic.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.util.Set;

/**
 * Stops the pending delivery tasks of a deleted topic: they are cancelled, and a delivery in flight
 * loses its lease, so its outcome is not recorded. Events still in progress are found through the
 * topic's id, which is their source id. Stateless.
 */
public final class PendingTopicTasks {

  private static final int PAGE = 100;

  private final Store store;
  private final Clock clock;

  public PendingTopicTasks(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Cancels the pending tasks routed through {@code subscriptionIds}; returns how many. */
  public int cancel(Scope scope, String topicId, Set<String> subscriptionIds) {
    if (subscriptionIds.isEmpty()) {
      return 0;
    }
    EventQuery inProgress = new EventQuery(topicId, EventStatus.PROCESSING, null, null, null);
    int cancelled = 0;
    String after = null;
    do {
      var page = store.events().list(scope, inProgress, new PageRequest(after, PAGE));
      for (EventRecord e : page.items()) {
        for (DeliveryTask t : store.deliveries().tasksForEvent(scope, e.id())) {
          if (t.status() == TaskStatus.PENDING
              && subscriptionIds.contains(t.connectionId())
              && store
                  .deliveries()
                  .update(
                      t.settled(
                          TaskStatus.CANCELLED, t.attempts(), t.nextAttemptAt(), clock.now()))) {
            cancelled++;
          }
        }
      }
      after = page.nextAfter();
    } while (after != null);
    return cancelled;
  }
}
