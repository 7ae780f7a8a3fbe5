package io.hookstream.routing.internal;

import io.hookstream.internal.Ids;
import io.hookstream.routing.internal.CompiledRoute.Decision;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Routes an accepted event: evaluates each of its source's connections (filters, then the
 * transform) and, in one atomic store step, creates one delivery task per match and marks the
 * event routed. Routing the same event twice (the hand-off and the recovery sweep racing) is
 * harmless: only the first {@code markRouted} writes. Thread-safe.
 */
public final class EventRouter {

  /** Records deliveries that failed in the transform, after the event has been routed. */
  @FunctionalInterface
  public interface TransformFailures {
    void record(DeliveryTask task, String error);
  }

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final RouteCache routes;
  private final Function<EventRecord, byte[]> bodies;
  private final TransformFailures transformFailures;
  private final Runnable onTasksCreated;
  private final Sequencer sequencer;

  public EventRouter(Store store, Clock clock, Ids ids, RouteCache routes,
      Function<EventRecord, byte[]> bodies, TransformFailures transformFailures,
      Runnable onTasksCreated) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.routes = routes;
    this.bodies = bodies;
    this.transformFailures = transformFailures;
    this.onTasksCreated = onTasksCreated;
    this.sequencer = new Sequencer(clock);
  }

  /** Routes {@code event}; returns whether this call did it (false: routed already). */
  public boolean route(EventRecord event) {
    if (event.routedAt() != null || event.duplicate()) {
      return false;
    }
    RoutedEvent routed = new RoutedEvent(event, bodies.apply(event));
    Instant now = clock.now();
    List<DeliveryTask> tasks = new ArrayList<>();
    List<DeliveryTask> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (RouteCache.Route route : routes.routes(event.scope(), event.sourceId())) {
      Decision decision = route.compiled().evaluate(routed);
      if (decision instanceof Decision.Deliver deliver) {
        tasks.add(task(event, route, deliver.payload(), deliver.contentType(), now));
      } else if (decision instanceof Decision.TransformFailed failure) {
        DeliveryTask task = task(event, route, null, null, now);
        tasks.add(task);
        failed.add(task);
        errors.add(failure.error());
      }
    }
    EventStatus status = tasks.isEmpty() ? EventStatus.RECEIVED : EventStatus.PROCESSING;
    if (!store.events().markRouted(event.scope(), event.id(), status, tasks, now)) {
      return false;
    }
    for (int i = 0; i < failed.size(); i++) {
      transformFailures.record(failed.get(i), errors.get(i));
    }
    if (tasks.size() > failed.size()) {
      onTasksCreated.run();
    }
    return true;
  }

  /** Drops the cached routes of a source after one of its connections changed. */
  public void invalidate(String sourceId) {
    routes.invalidate(sourceId);
  }

  private DeliveryTask task(EventRecord event, RouteCache.Route route, byte[] payload,
      String contentType, Instant now) {
    var c = route.connection();
    return new DeliveryTask(ids.next("tsk"), event.orgId(), event.envId(), event.id(), c.id(),
        c.destinationId(), TaskStatus.PENDING, 0, now, null, null, payload, contentType,
        sequencer.next(), 0, now, now);
  }

  /** Increasing numbers that follow the clock, for FIFO order per destination. */
  static final class Sequencer {
    private final Clock clock;
    private long last;

    Sequencer(Clock clock) {
      this.clock = clock;
    }

    synchronized long next() {
      last = Math.max(last + 1, clock.now().toEpochMilli() * 1000);
      return last;
    }
  }
}
