package io.hookstream.replay;

import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.internal.Validation;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.replay.internal.ReplayJobs;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Replay jobs ({@code POST /v1/replay}) and bulk retries ({@code POST /v1/events/retry}): each is a
 * durable job that the engine steps once a second of its clock, handing at most {@code rateLimit}
 * events to delivery per step, oldest first. Creating one checks what the store knows (the
 * destination, source and issue exist in the caller's environment; the window is within retention)
 * and counts the matching events as {@code total}. Thread-safe.
 */
public final class ReplayService {

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final Consumer<ReplayJobRecord> listener;

  /** {@code listener} is told of every job created or cancelled (to stream its progress). */
  public ReplayService(Store store, Clock clock, Consumer<ReplayJobRecord> listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = new Ids(clock);
    this.listener = listener == null ? j -> {} : listener;
  }

  /** Starts a replay of {@code spec}'s window to its destination; 422 naming a bad field. */
  public ReplayJob replay(Scope scope, ReplaySpec spec) {
    Validation v = new Validation();
    checkDestination(v, scope, spec.destinationId());
    checkSource(v, scope, spec.sourceId());
    checkRetention(v, scope, spec.from());
    v.throwIfInvalid();
    return start(
        scope,
        ReplayJobRecord.KIND_REPLAY,
        spec.destinationId(),
        spec.sourceId(),
        null,
        null,
        spec.from(),
        spec.to(),
        spec.rateLimit(),
        spec.maxEvents());
  }

  /**
   * Starts a bulk retry of the failed deliveries {@code spec} selects. With an issue and no
   * destination, the issue's destination is retried. 422 naming a bad field.
   */
  public ReplayJob retry(Scope scope, BulkRetrySpec spec) {
    Validation v = new Validation();
    String destinationId = spec.destinationId();
    if (spec.issueId() != null) {
      IssueRecord issue = store.issues().find(scope, spec.issueId()).orElse(null);
      if (issue == null) {
        v.error("issue_id", "no issue " + spec.issueId() + " in this environment");
      } else if (destinationId != null && !destinationId.equals(issue.destinationId())) {
        v.error("destination_id", "must be the issue's destination " + issue.destinationId());
      } else {
        destinationId = issue.destinationId();
      }
    }
    if (destinationId != null && spec.issueId() == null) {
      checkDestination(v, scope, destinationId);
    }
    checkSource(v, scope, spec.sourceId());
    Instant now = clock.now();
    Instant earliest = retentionStart(scope, now);
    Instant from = spec.from() == null ? earliest : spec.from();
    Instant to = spec.to() == null ? now : spec.to();
    if (spec.from() != null) {
      checkRetention(v, scope, from);
    } else if (to.isBefore(from)) {
      v.error("to", "is before the retention window, which starts at " + earliest);
    }
    v.throwIfInvalid();
    return start(
        scope,
        ReplayJobRecord.KIND_RETRY,
        destinationId,
        spec.sourceId(),
        EventStatus.FAILED,
        spec.issueId(),
        from,
        to,
        spec.rateLimit(),
        spec.maxEvents());
  }

  /** A job of this environment, or a 404. */
  public ReplayJob get(Scope scope, String id) {
    return ReplayJobs.toApi(find(scope, id));
  }

  /** Jobs newest first. */
  public Page<ReplayJob> list(Scope scope, PageRequest page) {
    return Pages.fromStore(store.replayJobs().list(scope, Pages.toStore(page)), ReplayJobs::toApi);
  }

  /**
   * Stops a running job: no further event is handed to delivery (those already handed go out).
   * Cancelling a cancelled job returns it as it is; a completed or failed one is a 409.
   */
  public ReplayJob cancel(Scope scope, String id) {
    for (int i = 0; i < 5; i++) {
      ReplayJobRecord job = find(scope, id);
      if (ReplayJobRecord.CANCELLED.equals(job.status())) {
        return ReplayJobs.toApi(job);
      }
      if (!job.active()) {
        throw new HookstreamException(
            ErrorCode.CONFLICT, "replay job " + id + " is " + job.status() + "; nothing to cancel");
      }
      ReplayJobRecord cancelled = job.finished(ReplayJobRecord.CANCELLED, clock.now());
      if (store.replayJobs().compareAndSet(cancelled, job.version())) {
        listener.accept(cancelled);
        return ReplayJobs.toApi(cancelled);
      }
    }
    throw new HookstreamException(
        ErrorCode.CONFLICT, "replay job " + id + " kept changing; try again");
  }

  private ReplayJob start(
      Scope scope,
      String kind,
      String destinationId,
      String sourceId,
      EventStatus eventStatus,
      String issueId,
      Instant from,
      Instant to,
      int rateLimit,
      int maxEvents) {
    Instant now = clock.now();
    String id = ids.next("rpl");
    IntFunction<ReplayJobRecord> withTotal =
        total ->
            ReplayJobRecord.started(
                id,
                scope,
                kind,
                destinationId,
                sourceId,
                eventStatus,
                issueId,
                from,
                to,
                rateLimit,
                maxEvents,
                total,
                now);
    ReplayJobRecord job =
        withTotal.apply(store.replayJobs().countEvents(withTotal.apply(0), maxEvents));
    store.replayJobs().insert(job);
    listener.accept(job);
    return ReplayJobs.toApi(job);
  }

  private ReplayJobRecord find(Scope scope, String id) {
    return store
        .replayJobs()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("replay job", id));
  }

  private void checkDestination(Validation v, Scope scope, String destinationId) {
    if (destinationId != null && store.destinations().find(scope, destinationId).isEmpty()) {
      v.error("destination_id", "no destination " + destinationId + " in this environment");
    }
  }

  private void checkSource(Validation v, Scope scope, String sourceId) {
    if (sourceId != null && store.sources().find(scope, sourceId).isEmpty()) {
      v.error("source_id", "no source " + sourceId + " in this environment");
    }
  }

  /** A window that starts before retention asks for events that may already be purged. */
  private void checkRetention(Validation v, Scope scope, Instant from) {
    Instant earliest = retentionStart(scope, clock.now());
    if (from != null && from.isBefore(earliest)) {
      v.error(
          "from",
          "is older than this environment's retention; the earliest replayable time is "
              + earliest);
    }
  }

  private Instant retentionStart(Scope scope, Instant now) {
    int days =
        store
            .organizations()
            .findEnvironment(scope.orgId(), scope.envId())
            .map(Environment::retentionDays)
            .orElseThrow(() -> HookstreamException.notFound("environment", scope.envId()));
    return now.minus(Duration.ofDays(days));
  }
}
