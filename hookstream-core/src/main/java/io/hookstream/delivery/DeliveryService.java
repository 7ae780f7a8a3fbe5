package io.hookstream.delivery;

import io.hookstream.delivery.EventRetryResult.Error;
import io.hookstream.delivery.EventRetryResult.Retried;
import io.hookstream.delivery.internal.Attempts;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskBacklog;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The manual retry paths: retry an event (every destination it was routed to), retry one attempt
 * (its task again, at once), retry every failed event of an issue. Retries make new attempts and
 * keep the old ones; the event goes back to {@code processing}. A started {@link DeliveryScheduler}
 * picks the work up at its next poll (call its {@code wake()} to start at once).
 *
 * <p>Thread-safe. Unknown ids throw {@link HookstreamException} NOT_FOUND; retrying an attempt
 * whose task is being delivered right now throws CONFLICT.
 */
public final class DeliveryService {

  private final Store store;
  private final Clock clock;
  private final TaskFactory tasks;

  public DeliveryService(Store store, Clock clock, TaskFactory tasks) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  /** The delivery backlog at the clock's current time, for gauges; one store read. */
  public Backlog backlog() {
    TaskBacklog b = store.deliveries().backlog(clock.now());
    return new Backlog(b.pending(), b.due());
  }

  /** Delivery attempts newest first, filtered by {@code query}. */
  public Page<DeliveryAttempt> attempts(Scope scope, AttemptQuery query, PageRequest page) {
    return Pages.fromStore(
        store.deliveries().listAttempts(scope, query.toStore(), Pages.toStore(page)),
        Attempts::toApi);
  }

  /** One attempt, or a 404. */
  public DeliveryAttempt attempt(Scope scope, String attemptId) {
    return store
        .deliveries()
        .findAttempt(scope, attemptId)
        .map(Attempts::toApi)
        .orElseThrow(() -> HookstreamException.notFound("delivery attempt", attemptId));
  }

  /**
   * Queues event {@code eventId} again for every (connection, destination) it was routed to: a
   * pending task is made due now, a finished one gets a new task (fresh retry schedule, same
   * payload). Deleted destinations are reported in {@code errors}.
   */
  public EventRetryResult retryEvent(Scope scope, String eventId) {
    EventRecord event =
        store
            .events()
            .find(scope, eventId)
            .orElseThrow(() -> HookstreamException.notFound("event", eventId));
    Map<String, DeliveryTask> latest = new LinkedHashMap<>();
    for (DeliveryTask t : store.deliveries().tasksForEvent(scope, event.id())) {
      latest.merge(
          t.connectionId() + "\n" + t.destinationId(),
          t,
          (a, b) -> b.sequence() > a.sequence() ? b : a);
    }
    List<Retried> retried = new ArrayList<>();
    List<Error> errors = new ArrayList<>();
    for (DeliveryTask t : latest.values()) {
      boolean live = store.destinations().find(scope, t.destinationId()).isPresent();
      if (!live) {
        errors.add(new Error(t.destinationId(), t.connectionId(), "destination not found"));
        continue;
      }
      DeliveryTask next = requeue(t);
      String status = next.leased(clock.now()) ? "in_flight" : "queued";
      retried.add(new Retried(t.destinationId(), t.connectionId(), next.id(), status));
    }
    if (!retried.isEmpty()) {
      store.events().updateStatus(scope, event.id(), EventStatus.PROCESSING, clock.now());
    }
    return new EventRetryResult(retried, errors);
  }

  /**
   * Runs attempt {@code attemptId}'s task again now: a finished task becomes pending with its
   * attempt count kept (so a failure goes straight back to the dead letter queue), a pending one is
   * made due now. Returns the delivery as stored.
   */
  public ScheduledDelivery retryAttempt(Scope scope, String attemptId) {
    AttemptRecord attempt =
        store
            .deliveries()
            .findAttempt(scope, attemptId)
            .orElseThrow(() -> HookstreamException.notFound("delivery attempt", attemptId));
    for (int i = 0; i < 3; i++) {
      DeliveryTask task =
          store
              .deliveries()
              .findTask(scope, attempt.taskId())
              .orElseThrow(() -> HookstreamException.notFound("delivery task", attempt.taskId()));
      Instant now = clock.now();
      if (task.leased(now)) {
        throw new HookstreamException(
            ErrorCode.CONFLICT,
            "delivery of attempt " + attemptId + " is in flight; retry it when it settles");
      }
      DeliveryTask again = task.settled(TaskStatus.PENDING, task.attempts(), now, now);
      if (store.deliveries().update(again)) {
        store.events().updateStatus(scope, task.eventId(), EventStatus.PROCESSING, now);
        return Attempts.toApi(again);
      }
    }
    throw new HookstreamException(
        ErrorCode.CONFLICT, "delivery of attempt " + attemptId + " kept changing; try again");
  }

  /**
   * Retries every event the issue's failures dead-lettered: the dead letter attempts of the issue's
   * destination and error type since the issue was first seen. Events whose delivery to that
   * destination is already pending again count in {@code total} but not in {@code retried}.
   */
  public IssueRetryResult retryIssue(Scope scope, String issueId) {
    IssueRecord issue =
        store
            .issues()
            .find(scope, issueId)
            .orElseThrow(() -> HookstreamException.notFound("issue", issueId));
    Set<String> events = new LinkedHashSet<>();
    String after = null;
    do {
      io.hookstream.spi.store.Page<AttemptRecord> page =
          store
              .deliveries()
              .listAttempts(
                  scope,
                  AttemptQuery.builder()
                      .destinationId(issue.destinationId())
                      .dlq(true)
                      .build()
                      .toStore(),
                  new io.hookstream.spi.store.PageRequest(after, PageRequest.MAX_LIMIT));
      for (AttemptRecord a : page.items()) {
        if (issue.errorType().equals(a.errorType())
            && !a.attemptedAt().isBefore(issue.firstSeenAt())) {
          events.add(a.eventId());
        }
      }
      after = page.nextAfter();
    } while (after != null);
    int retried = 0;
    for (String eventId : events) {
      if (retryDestination(scope, eventId, issue.destinationId())) {
        retried++;
      }
    }
    return new IssueRetryResult(retried, events.size());
  }

  /** Queues the event's dead deliveries to one destination again; false if none was dead. */
  private boolean retryDestination(Scope scope, String eventId, String destinationId) {
    Map<String, DeliveryTask> latest = new LinkedHashMap<>();
    for (DeliveryTask t : store.deliveries().tasksForEvent(scope, eventId)) {
      if (t.destinationId().equals(destinationId)) {
        latest.merge(t.connectionId(), t, (a, b) -> b.sequence() > a.sequence() ? b : a);
      }
    }
    boolean any = false;
    for (DeliveryTask t : latest.values()) {
      if (t.status() == TaskStatus.DEAD) {
        requeue(t);
        any = true;
      }
    }
    if (any) {
      store.events().updateStatus(scope, eventId, EventStatus.PROCESSING, clock.now());
    }
    return any;
  }

  /** A pending task made due now (left alone while leased), or a new task after a finished one. */
  private DeliveryTask requeue(DeliveryTask t) {
    Instant now = clock.now();
    if (t.status() == TaskStatus.PENDING) {
      if (t.leased(now) || !t.nextAttemptAt().isAfter(now)) {
        return t;
      }
      DeliveryTask due = t.settled(TaskStatus.PENDING, t.attempts(), now, now);
      return store.deliveries().update(due) ? due : t;
    }
    DeliveryTask fresh = tasks.retryOf(t);
    store.deliveries().insertTasks(List.of(fresh));
    return fresh;
  }
}
