package io.hookstream.delivery.internal;

import io.hookstream.alert.internal.Notifications;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.delivery.internal.Work.Kind;
import io.hookstream.destination.internal.DisabledState;
import io.hookstream.internal.Ids;
import io.hookstream.issue.internal.IssueTracker;
import io.hookstream.observe.AttemptOutcome;
import io.hookstream.observe.DeliveryTrace;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.OutgoingDelivery;
import io.hookstream.observe.internal.Observers;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed task to its next state: delivers it through the destination type's provider (or
 * records its transform failure, dead-letters it, cancels it), settles the task with its attempt
 * under the lease, then applies the consequences: circuit breaker, issue, disabling a gone
 * destination (told to the destination listener), the event's status, the attempt listener. Nothing
 * but the log happens when the lease was lost (another node owns the task now). Thread-safe.
 *
 * <p>Each delivery's outcome and latency go to the destination's {@link AdaptiveLimits adaptive
 * limit}.
 */
public final class TaskRunner {

  /** Response bodies are kept up to this many characters. */
  public static final int MAX_RESPONSE_BODY = 4096;

  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  /** What became of a task. */
  public enum Outcome {
    SUCCEEDED,
    RETRYING,
    DEAD,
    CANCELLED,
    LOST
  }

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final String owner;
  private final Map<String, DestinationProvider> providers;
  private final BlobStore blobs;
  private final CircuitLogic circuits;
  private final IssueTracker issues;
  private final EventStatusUpdater events;
  private final AdaptiveLimits limits;
  private final Consumer<AttemptRecord> listener;
  private final Observers observers;
  private final Consumer<DestinationRecord> destinationListener;
  private final Consumer<Work> answered;

  /**
   * {@code answered} is told of each delivery whose answer arrived, before its settle: the
   * destination may take the next one while this one's result commits.
   */
  public TaskRunner(
      Store store,
      Clock clock,
      Ids ids,
      String owner,
      Map<String, DestinationProvider> providers,
      BlobStore blobs,
      CircuitLogic circuits,
      IssueTracker issues,
      Consumer<AttemptRecord> listener,
      Observers observers,
      Consumer<DestinationRecord> destinationListener,
      Consumer<Work> answered,
      AdaptiveLimits limits) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.owner = owner;
    this.providers = Map.copyOf(providers);
    this.blobs = blobs;
    this.circuits = circuits;
    this.issues = issues;
    this.events = new EventStatusUpdater(store);
    this.listener = listener == null ? a -> {} : listener;
    this.observers = observers;
    this.destinationListener = destinationListener == null ? d -> {} : destinationListener;
    this.answered = answered;
    this.limits = limits;
  }

  public Outcome run(Work work) {
    DeliveryTask task = work.task();
    if (work.kind() == Kind.CANCEL) {
      return cancel(work);
    }
    if (TaskFactory.isTransformFailure(task)) {
      String error = new String(task.payload(), StandardCharsets.UTF_8);
      return deadLetter(work, ErrorTypes.TRANSFORM_ERROR, error);
    }
    if (work.kind() == Kind.EXPIRE) {
      return deadLetter(
          work,
          ErrorTypes.CIRCUIT_OPEN,
          "not attempted: the circuit stayed open past the task's retry window");
    }
    if (!work.claimed().eventExists() && !Notifications.isNotification(task)) {
      return cancel(work);
    }
    return deliver(work);
  }

  private Outcome deliver(Work work) {
    DeliveryTask task = work.task();
    DestinationRecord d = work.destination();
    int attemptNumber = task.attempts() + 1;
    OutgoingDelivery outgoing = observers.active() ? outgoing(work, attemptNumber) : null;
    DeliveryTrace trace =
        outgoing == null ? DeliveryTrace.NONE : observers.deliveryStarting(outgoing);
    Map<String, String> extraHeaders = outgoing == null ? Map.of() : outgoing.headers();
    Instant started = clock.now();
    long token = limits.started(d.id());
    long startNanos = clock.monotonicNanos();
    DeliveryResult result = send(d, work.claimed(), attemptNumber, started, extraHeaders);
    long elapsedNanos = clock.monotonicNanos() - startNanos;
    limits.finished(d.id(), token, elapsedNanos, result);
    answered.accept(work);
    Instant done = clock.now();
    long latency =
        result.latencyMillis() > 0
            ? result.latencyMillis()
            : Duration.ofNanos(elapsedNanos).toMillis();

    String errorType = result.success() ? null : FailureClassifier.errorType(result);
    boolean retryable = !result.success() && FailureClassifier.retryable(result);
    boolean retry =
        retryable && !TaskFactory.isReplay(task) && RetrySchedule.allows(d.retry(), attemptNumber);
    DeliveryTask updated;
    Instant nextRetry = null;
    if (result.success()) {
      updated = task.settled(TaskStatus.SUCCEEDED, attemptNumber, task.nextAttemptAt(), done);
    } else if (retry) {
      Duration retryAfter =
          FailureClassifier.honoursRetryAfter(result) ? result.retryAfter() : null;
      nextRetry = done.plus(RetrySchedule.delay(d.retry(), attemptNumber, retryAfter));
      updated = task.settled(TaskStatus.PENDING, attemptNumber, nextRetry, done);
    } else {
      updated = task.settled(TaskStatus.DEAD, attemptNumber, task.nextAttemptAt(), done);
    }
    boolean dead = updated.status() == TaskStatus.DEAD;
    AttemptRecord attempt =
        new AttemptRecord(
            ids.next("da"),
            task.orgId(),
            task.envId(),
            task.eventId(),
            task.connectionId(),
            task.destinationId(),
            task.id(),
            attemptNumber,
            result.success() ? "success" : "failed",
            result.statusCode() > 0 ? result.statusCode() : null,
            latency,
            result.requestHeaders(),
            result.responseHeaders(),
            truncate(result.responseBody()),
            result.error(),
            errorType,
            dead,
            dead ? done : null,
            nextRetry,
            started);
    boolean settled;
    try {
      settled = settle(work, updated, attempt, done);
    } finally {
      if (outgoing != null) {
        // Also when the lease was lost or the store failed: the request went out, its trace ends.
        FinishedDelivery finished =
            finished(attempt, d.type(), outcome(result, dead), result.statusCode());
        trace.finished(finished);
        if (Notifications.isNotification(task)) {
          observers.notificationSent(Notifications.sent(task, d, result.success(), latency));
        } else {
          observers.deliveryFinished(finished);
        }
      }
    }
    if (!settled) {
      return Outcome.LOST;
    }

    if (result.success() || (work.kind() == Kind.PROBE && !retryable)) {
      // Any answer but a retryable failure shows the endpoint is up.
      circuits.onSuccess(d.id(), d.scope(), done);
    } else if (retryable && circuits.onFailure(d.id(), d.scope(), done)) {
      issues.record(
          d.scope(),
          d.id(),
          ErrorTypes.CIRCUIT_OPEN,
          "Circuit opened after "
              + circuits.settings().failureThreshold()
              + " consecutive failures: "
              + message(result),
          attempt.id(),
          done);
    }
    if (FailureClassifier.gone(result)) {
      disable(d, done);
    }
    if (dead) {
      issues.record(d.scope(), d.id(), errorType, message(result), attempt.id(), done);
    }
    return result.success() ? Outcome.SUCCEEDED : retry ? Outcome.RETRYING : Outcome.DEAD;
  }

  private OutgoingDelivery outgoing(Work work, int attemptNumber) {
    DeliveryTask task = work.task();
    ClaimedTask claimed = work.claimed();
    return new OutgoingDelivery(
        task.orgId(),
        task.envId(),
        task.eventId(),
        task.destinationId(),
        work.destination().type(),
        attemptNumber,
        () -> claimed.event() == null ? Map.of() : claimed.event().headers());
  }

  private static AttemptOutcome outcome(DeliveryResult result, boolean dead) {
    if (dead) {
      return AttemptOutcome.DLQ;
    }
    if (result.success()) {
      return AttemptOutcome.SUCCESS;
    }
    return result.failureKind() == FailureKind.TIMEOUT
        ? AttemptOutcome.TIMEOUT
        : AttemptOutcome.FAILURE;
  }

  private static FinishedDelivery finished(
      AttemptRecord a, String type, AttemptOutcome outcome, int statusCode) {
    return new FinishedDelivery(
        a.orgId(),
        a.envId(),
        a.eventId(),
        a.destinationId(),
        type,
        a.attemptNumber(),
        outcome,
        Math.max(statusCode, 0),
        Duration.ofMillis(a.latencyMs() == null ? 0 : a.latencyMs()),
        a.errorType());
  }

  private DeliveryResult send(
      DestinationRecord d,
      ClaimedTask claimed,
      int attemptNumber,
      Instant now,
      Map<String, String> extraHeaders) {
    DeliveryTask task = claimed.task();
    byte[] body = task.payload() != null ? task.payload() : body(claimed);
    String contentType =
        task.payload() != null && task.payloadContentType() != null
            ? task.payloadContentType()
            : task.payload() != null ? "application/json" : claimed.contentType();
    if (body == null) {
      return rejected("the event body (blob " + claimed.bodyBlobKey() + ") is not available");
    }
    DestinationProvider provider = providers.get(d.type());
    if (provider == null) {
      return rejected("no provider for destination type " + d.type());
    }
    DeliveryRequest request =
        DeliveryRequest.builder()
            .eventId(task.eventId())
            .destinationId(d.id())
            .attemptNumber(attemptNumber)
            .config(
                OutboundHeaders.add(
                    ReplayHeader.add(DestinationSettings.config(d), d.type(), task),
                    d.type(),
                    extraHeaders))
            .body(body)
            .contentType(contentType)
            .timestamp(now)
            .timeout(DestinationSettings.timeout(d))
            .event(claimed.event())
            .build();
    try {
      return provider.deliver(request);
    } catch (RuntimeException e) {
      log.warn(
          "provider {} threw delivering {}; treated as a network failure", d.type(), task.id(), e);
      return Failed.before(FailureKind.NETWORK, "provider failed: " + e, true);
    }
  }

  private byte[] body(ClaimedTask claimed) {
    if (claimed.body() != null || claimed.bodyBlobKey() == null) {
      return claimed.body() == null ? new byte[0] : claimed.body();
    }
    return blobs == null ? null : blobs.get(claimed.bodyBlobKey()).orElse(null);
  }

  /** Settles {@code work}'s task DEAD with a dead-lettered attempt that sent nothing. */
  private Outcome deadLetter(Work work, String errorType, String error) {
    DeliveryTask task = work.task();
    Instant now = clock.now();
    int attemptNumber = task.attempts() + 1;
    DeliveryTask updated =
        task.settled(TaskStatus.DEAD, task.attempts(), task.nextAttemptAt(), now);
    AttemptRecord attempt =
        new AttemptRecord(
            ids.next("da"),
            task.orgId(),
            task.envId(),
            task.eventId(),
            task.connectionId(),
            task.destinationId(),
            task.id(),
            attemptNumber,
            "failed",
            null,
            0L,
            Map.of(),
            Map.of(),
            null,
            error,
            errorType,
            true,
            now,
            null,
            now);
    if (!settle(work, updated, attempt, now)) {
      return Outcome.LOST;
    }
    if (observers.active()) {
      String type = work.destination() == null ? null : work.destination().type();
      observers.deliveryFinished(finished(attempt, type, AttemptOutcome.DLQ, 0));
    }
    issues.record(task.scope(), task.destinationId(), errorType, error, attempt.id(), now);
    return Outcome.DEAD;
  }

  private Outcome cancel(Work work) {
    DeliveryTask task = work.task();
    Instant now = clock.now();
    DeliveryTask cancelled =
        task.settled(TaskStatus.CANCELLED, task.attempts(), task.nextAttemptAt(), now);
    return settle(work, cancelled, null, now) ? Outcome.CANCELLED : Outcome.LOST;
  }

  /**
   * Settles {@code updated} and keeps its event's status right. When the claim saw the event with
   * this task alone, the status follows from it and is written in the settle's own transaction.
   * Otherwise the status is stored before the settle (so a crash right after it leaves it right)
   * and re-derived after, since the event's other routes may settle at once.
   */
  private boolean settle(Work work, DeliveryTask updated, AttemptRecord attempt, Instant now) {
    ClaimedTask claimed = work.claimed();
    if (Notifications.isNotification(updated)) {
      return settle(updated, attempt, null); // a notification has no event
    }
    if (claimed.eventTaskCount() == 1) {
      EventStatus target = EventStatusUpdater.target(List.of(updated));
      return settle(updated, attempt, target == claimed.eventStatus() ? null : target);
    }
    boolean terminal = updated.status() != TaskStatus.PENDING;
    boolean otherRoutes = terminal && events.prepare(updated, now);
    if (!settle(updated, attempt, null)) {
      return false;
    }
    if (otherRoutes || updated.status() == TaskStatus.CANCELLED) {
      events.refresh(updated.scope(), updated.eventId(), now);
    }
    return true;
  }

  private boolean settle(DeliveryTask updated, AttemptRecord attempt, EventStatus eventStatus) {
    if (!store.deliveries().settle(owner, updated, attempt, eventStatus)) {
      log.info(
          "lease on task {} was lost; its result is dropped and another node retries it",
          updated.id());
      return false;
    }
    if (attempt != null) {
      try {
        listener.accept(attempt);
      } catch (RuntimeException e) {
        log.warn("attempt listener failed for {}", attempt.id(), e);
      }
    }
    return true;
  }

  /** Switches delivery to {@code d} off after a 410; its tasks stay queued for a later replay. */
  private void disable(DestinationRecord seen, Instant now) {
    for (int i = 0; i < 3; i++) {
      Optional<DestinationRecord> current = store.destinations().findById(seen.id());
      if (current.isEmpty() || current.get().disabledReason() != null) {
        return;
      }
      DestinationRecord d = current.get();
      DestinationRecord off =
          DisabledState.with(d, DisabledState.endpointGone(now), d.version() + 1, now);
      if (store.destinations().update(off)) {
        notify(off);
        return;
      }
    }
    log.warn("could not disable destination {} after a 410: it kept changing", seen.id());
  }

  private void notify(DestinationRecord switched) {
    try {
      destinationListener.accept(switched);
    } catch (RuntimeException e) {
      log.warn("destination listener failed for {}", switched.id(), e);
    }
  }

  private static DeliveryResult rejected(String error) {
    return Failed.before(FailureKind.REJECTED, error, false);
  }

  private static String message(DeliveryResult r) {
    if (r.statusCode() > 0) {
      return "Destination returned " + r.statusCode() + (r.error() == null ? "" : ": " + r.error());
    }
    return r.error() == null ? "delivery failed" : r.error();
  }

  private static String truncate(String body) {
    return body == null || body.length() <= MAX_RESPONSE_BODY
        ? body
        : body.substring(0, MAX_RESPONSE_BODY);
  }
}
