package io.hookstream.issue;

import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.issue.internal.IssueTracker;
import io.hookstream.issue.internal.Issues;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Issues: failures grouped per destination and error type ({@code http_5xx}, {@code http_4xx},
 * {@code timeout}, {@code network}, {@code transform_error}, {@code circuit_open}, {@code
 * endpoint_gone}), with occurrence counts, first/last seen, the newest attempt ids, a status
 * ({@code open}, {@code acknowledged}, {@code resolved}) and a snooze time. An issue with no new
 * occurrence for {@link #AUTO_RESOLVE_AFTER} is resolved by {@link #autoResolve()}, which the
 * engine runs every minute of clock time as a background job.
 *
 * <p>Thread-safe. Unknown ids throw {@link HookstreamException} NOT_FOUND; bad input throws
 * VALIDATION_FAILED naming the field.
 */
public final class IssueService {

  /** Issues without a new occurrence for this long are resolved. */
  public static final Duration AUTO_RESOLVE_AFTER = Duration.ofMinutes(30);

  private static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");
  private static final int SWEEP_BATCH = 100;

  private final Store store;
  private final Clock clock;
  private final IssueTracker tracker;

  /**
   * Issues of {@code store}; {@code listener} (may be null) hears every created or changed issue.
   */
  public IssueService(Store store, Clock clock, Consumer<IssueRecord> listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tracker = new IssueTracker(store, new Ids(clock), listener);
  }

  /** Records occurrences as the engine's delivery scheduler does (for tests of this package). */
  IssueTracker tracker() {
    return tracker;
  }

  /** The issue, or NOT_FOUND. */
  public Issue get(Scope scope, String id) {
    return Issues.toApi(stored(scope, id));
  }

  /**
   * Issues newest first. {@code status} is {@code open}, {@code acknowledged}, {@code resolved}, or
   * {@code all}/null for every status; {@code destinationId} filters when not null.
   */
  public Page<Issue> list(Scope scope, String status, String destinationId, PageRequest page) {
    String filter = status == null || status.equals("all") ? null : checkStatus(status);
    return Pages.fromStore(
        store.issues().list(scope, filter, destinationId, Pages.toStore(page)), Issues::toApi);
  }

  /**
   * As {@link #list(Scope, String, String, PageRequest)}, of one {@code severity} ({@code
   * critical}, {@code warning}, {@code info}; null for all). Severity follows from the error type,
   * so this reads pages of the store until it has a page of matches.
   */
  public Page<Issue> list(
      Scope scope, String status, String destinationId, String severity, PageRequest page) {
    if (severity == null) {
      return list(scope, status, destinationId, page);
    }
    if (!IssueSeverity.ALL.contains(severity)) {
      throw HookstreamException.invalid(
          "severity", "must be one of critical, warning, info; got " + severity);
    }
    String filter = status == null || status.equals("all") ? null : checkStatus(status);
    List<Issue> items = new java.util.ArrayList<>();
    String after = page.after();
    boolean more = true;
    while (more && items.size() < page.limit()) {
      io.hookstream.spi.store.Page<IssueRecord> p =
          store
              .issues()
              .list(
                  scope,
                  filter,
                  destinationId,
                  new io.hookstream.spi.store.PageRequest(after, PageRequest.MAX_LIMIT));
      more = p.hasMore();
      for (IssueRecord r : p.items()) {
        after = r.id();
        if (severity.equals(IssueSeverity.of(r.errorType()))) {
          items.add(Issues.toApi(r));
          if (items.size() == page.limit()) {
            more = more || !r.id().equals(p.items().get(p.items().size() - 1).id());
            break;
          }
        }
      }
    }
    return new Page<>(items, more ? after : null, more);
  }

  /** Counts per status. */
  public IssueSummary summary(Scope scope) {
    return new IssueSummary(
        count(scope, "open"), count(scope, "acknowledged"), count(scope, "resolved"));
  }

  /** How many issues are {@code open}, across every organization sharing the store. */
  public long openCount() {
    return store.issues().countOpen();
  }

  /**
   * Sets the status. Resolving stamps {@code resolvedAt}; reopening a resolved issue clears it, and
   * is refused with CONFLICT while a newer issue of the same kind is active.
   */
  public Issue updateStatus(Scope scope, String id, String status) {
    String next = checkStatus(status);
    IssueRecord old = stored(scope, id);
    Instant now = clock.now();
    if (!"resolved".equals(next) && "resolved".equals(old.status())) {
      store
          .issues()
          .findActive(scope, old.destinationId(), old.errorType())
          .ifPresent(
              other -> {
                throw new HookstreamException(
                    ErrorCode.CONFLICT,
                    "issue "
                        + other.id()
                        + " is already active for this destination and error type");
              });
    }
    Instant resolvedAt =
        "resolved".equals(next)
            ? (old.resolvedAt() != null && "resolved".equals(old.status()) ? old.resolvedAt() : now)
            : null;
    return Issues.toApi(save(with(old, next, old.snoozedUntil(), resolvedAt, now)));
  }

  /** Snoozes the issue until {@code until}, or unsnoozes it when {@code until} is null. */
  public Issue snooze(Scope scope, String id, Instant until) {
    IssueRecord old = stored(scope, id);
    return Issues.toApi(save(with(old, old.status(), until, old.resolvedAt(), clock.now())));
  }

  /** Whether the issue is snoozed at the clock's current time. */
  public boolean snoozed(Issue issue) {
    return issue.snoozedUntil() != null && issue.snoozedUntil().isAfter(clock.now());
  }

  /**
   * Resolves every open or acknowledged issue (of every tenant) whose last occurrence is more than
   * {@link #AUTO_RESOLVE_AFTER} ago; returns how many.
   */
  public int autoResolve() {
    Instant now = clock.now();
    int resolved = 0;
    while (true) {
      List<IssueRecord> stale =
          store.issues().findStale(now.minus(AUTO_RESOLVE_AFTER), SWEEP_BATCH);
      for (IssueRecord issue : stale) {
        save(with(issue, "resolved", issue.snoozedUntil(), now, now));
        resolved++;
      }
      if (stale.size() < SWEEP_BATCH) {
        return resolved;
      }
    }
  }

  private long count(Scope scope, String status) {
    long n = 0;
    String after = null;
    do {
      io.hookstream.spi.store.Page<IssueRecord> page =
          store
              .issues()
              .list(
                  scope,
                  status,
                  null,
                  new io.hookstream.spi.store.PageRequest(after, PageRequest.MAX_LIMIT));
      n += page.items().size();
      after = page.nextAfter();
    } while (after != null);
    return n;
  }

  private IssueRecord stored(Scope scope, String id) {
    return store
        .issues()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("issue", id));
  }

  private IssueRecord save(IssueRecord issue) {
    if (!store.issues().update(issue)) {
      throw HookstreamException.notFound("issue", issue.id());
    }
    tracker.publish(issue);
    return issue;
  }

  private static IssueRecord with(
      IssueRecord i, String status, Instant snoozedUntil, Instant resolvedAt, Instant now) {
    return new IssueRecord(
        i.id(),
        i.orgId(),
        i.envId(),
        i.destinationId(),
        i.errorType(),
        i.message(),
        status,
        i.occurrenceCount(),
        i.firstSeenAt(),
        i.lastSeenAt(),
        i.recentAttemptIds(),
        snoozedUntil,
        resolvedAt,
        now);
  }

  private static String checkStatus(String status) {
    if (status == null || !STATUSES.contains(status)) {
      throw HookstreamException.invalid(
          "status", "must be one of open, acknowledged, resolved; got " + status);
    }
    return status;
  }
}
