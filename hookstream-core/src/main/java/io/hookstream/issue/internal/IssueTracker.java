package io.hookstream.issue.internal;

import io.hookstream.internal.Ids;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records failure occurrences into issues: one active (open or acknowledged) issue per destination
 * and error type collects them; a failure after that issue was resolved opens a new one.
 * Thread-safe within one engine (writes are serialized); two nodes recording the very first
 * occurrence of a kind at the same instant may open two issues.
 */
public final class IssueTracker {

  /** How many recent attempt ids an issue keeps, newest first. */
  public static final int RECENT_ATTEMPTS = 10;

  private static final Logger log = LoggerFactory.getLogger(IssueTracker.class);

  private final Store store;
  private final Ids ids;
  private final Consumer<IssueRecord> listener;

  public IssueTracker(Store store, Ids ids, Consumer<IssueRecord> listener) {
    this.store = store;
    this.ids = ids;
    this.listener = listener == null ? issue -> {} : listener;
  }

  /** Adds one occurrence; returns the issue as stored. {@code attemptId} may be null. */
  public synchronized IssueRecord record(
      Scope scope,
      String destinationId,
      String errorType,
      String message,
      String attemptId,
      Instant now) {
    return record(scope, destinationId, errorType, message, attemptId, now, false);
  }

  private IssueRecord record(
      Scope scope,
      String destinationId,
      String errorType,
      String message,
      String attemptId,
      Instant now,
      boolean retried) {
    Optional<IssueRecord> active = store.issues().findActive(scope, destinationId, errorType);
    IssueRecord issue;
    if (active.isPresent()) {
      IssueRecord old = active.get();
      List<String> recent = new ArrayList<>();
      if (attemptId != null) {
        recent.add(attemptId);
      }
      for (String id : old.recentAttemptIds()) {
        if (recent.size() < RECENT_ATTEMPTS && !id.equals(attemptId)) {
          recent.add(id);
        }
      }
      issue =
          new IssueRecord(
              old.id(),
              old.orgId(),
              old.envId(),
              destinationId,
              errorType,
              message,
              old.status(),
              old.occurrenceCount() + 1,
              old.firstSeenAt(),
              now,
              recent,
              old.snoozedUntil(),
              old.resolvedAt(),
              now);
      store.issues().update(issue);
    } else {
      issue =
          new IssueRecord(
              ids.next("iss"),
              scope.orgId(),
              scope.envId(),
              destinationId,
              errorType,
              message,
              "open",
              1,
              now,
              now,
              attemptId == null ? List.of() : List.of(attemptId),
              null,
              null,
              now);
      try {
        store.issues().insert(issue);
      } catch (HookstreamException e) {
        if (e.code() != ErrorCode.CONFLICT || retried) {
          throw e;
        }
        // Another node opened the same issue first: add this occurrence to it.
        return record(scope, destinationId, errorType, message, attemptId, now, true);
      }
    }
    publish(issue);
    return issue;
  }

  /** Tells the listener about a changed issue; a failing listener is logged, not propagated. */
  public void publish(IssueRecord issue) {
    try {
      listener.accept(issue);
    } catch (RuntimeException e) {
      log.warn("issue listener failed for {}", issue.id(), e);
    }
  }
}
