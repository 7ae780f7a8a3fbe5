package io.hookstream.routing.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.routing.internal.CompiledRoute.Decision;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Routes an accepted event: evaluates each of its source's connections (filters, then the
 * transform) and creates one delivery task per match. Ingest asks for the tasks before it stores
 * the event, so that the event and its tasks are one write ({@link #tasksFor}); an event stored
 * unrouted (routing failed at ingest, or a crash) is routed later in one atomic {@code markRouted}
 * ({@link #route}). Routing the same event twice (the hand-off and the recovery sweep racing) is
 * harmless: only the first {@code markRouted} writes. Thread-safe.
 */
public final class EventRouter {

  private final Store store;
  private final Clock clock;
  private final TaskFactory tasks;
  private final RouteCache routes;
  private final Function<EventRecord, byte[]> bodies;
  private final Runnable onTasksCreated;

  public EventRouter(
      Store store,
      Clock clock,
      TaskFactory tasks,
      RouteCache routes,
      Function<EventRecord, byte[]> bodies,
      Runnable onTasksCreated) {
    this.store = store;
    this.clock = clock;
    this.tasks = tasks;
    this.routes = routes;
    this.bodies = bodies;
    this.onTasksCreated = onTasksCreated;
  }

  /**
   * Routes a stored, unrouted {@code event} (the fallback hand-off and the recovery sweep); returns
   * whether this call did it (false: routed already).
   */
  public boolean route(EventRecord event) {
    if (event.routedAt() != null || event.duplicate()) {
      return false;
    }
    List<DeliveryTask> created = tasksFor(event, bodies.apply(event));
    if (!store
        .events()
        .markRouted(event.scope(), event.id(), statusFor(created), created, clock.now())) {
      return false;
    }
    if (!created.isEmpty()) {
      onTasksCreated.run();
    }
    return true;
  }

  /**
   * The delivery tasks for {@code event}: one per connection of its source whose filters match,
   * keyed by the connection's ordering key (read from the event as received, not transformed). A
   * transform failure becomes a task that records the failure, stored with the others, so that it
   * is crash-safe and never delivers the untransformed body. Writes nothing.
   */
  public List<DeliveryTask> tasksFor(EventRecord event, byte[] body) {
    return tasksFor(tasks, event, body, routes.routes(event.scope(), event.sourceId()));
  }

  /** The delivery tasks {@code factory} makes for {@code event} through {@code candidates}. */
  public static List<DeliveryTask> tasksFor(
      TaskFactory tasks, EventRecord event, byte[] body, List<RouteCache.Route> candidates) {
    RoutedEvent routed = new RoutedEvent(event, body);
    Scope scope = event.scope();
    List<DeliveryTask> created = new ArrayList<>();
    for (RouteCache.Route route : candidates) {
      var c = route.connection();
      Decision decision = route.compiled().evaluate(routed);
      if (decision instanceof Decision.Deliver deliver) {
        created.add(
            tasks.pending(
                scope,
                event.id(),
                c.id(),
                c.destinationId(),
                deliver.payload(),
                deliver.contentType(),
                route.orderingKey().read(routed.filterInput())));
      } else if (decision instanceof Decision.TransformFailed failure) {
        created.add(
            tasks.transformFailure(scope, event.id(), c.id(), c.destinationId(), failure.error()));
      }
    }
    return created;
  }

  /** A routed event's status: {@code processing} while it has tasks, else {@code received}. */
  public static EventStatus statusFor(List<DeliveryTask> tasks) {
    return tasks.isEmpty() ? EventStatus.RECEIVED : EventStatus.PROCESSING;
  }

  /** Drops the cached routes of a source after one of its connections changed. */
  public void invalidate(String sourceId) {
    routes.invalidate(sourceId);
  }
}
