package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A replay or bulk-retry job as stored. {@code kind} is {@code replay} (send the window's events to
 * {@code destinationId} again, one attempt each) or {@code retry} (queue the failed deliveries of
 * the window's events again). {@code from}/{@code to} bound the events' {@code receivedAt}
 * (inclusive); {@code sourceId}, {@code eventStatus} and {@code issueId} narrow them when not null.
 *
 * <p>{@code cursorEventId} is the last event handed to delivery (events are visited in id order,
 * which is receipt order); {@code processed} counts the events visited, {@code skipped} those that
 * needed nothing. {@code succeeded}/{@code failed} are recounted from the job's tasks. A node runs
 * a step while it holds the lease ({@code leaseOwner} until {@code leaseExpiresAt}); {@code
 * version} increases on every change (compare-and-set).
 */
public record ReplayJobRecord(
    String id,
    String orgId,
    String envId,
    String kind,
    String destinationId,
    String sourceId,
    EventStatus eventStatus,
    String issueId,
    Instant from,
    Instant to,
    int rateLimit,
    int maxEvents,
    String status,
    int total,
    int processed,
    int skipped,
    int succeeded,
    int failed,
    String cursorEventId,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant startedAt,
    Instant completedAt,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public static final String KIND_REPLAY = "replay";
  public static final String KIND_RETRY = "retry";

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String CANCELLED = "cancelled";
  public static final String FAILED = "failed";

  /** A new running job of {@code total} events, started at {@code now}, nothing processed yet. */
  public static ReplayJobRecord started(
      String id,
      Scope scope,
      String kind,
      String destinationId,
      String sourceId,
      EventStatus eventStatus,
      String issueId,
      Instant from,
      Instant to,
      int rateLimit,
      int maxEvents,
      int total,
      Instant now) {
    return new ReplayJobRecord(
        id,
        scope.orgId(),
        scope.envId(),
        kind,
        destinationId,
        sourceId,
        eventStatus,
        issueId,
        from,
        to,
        rateLimit,
        maxEvents,
        RUNNING,
        total,
        0,
        0,
        0,
        0,
        null,
        null,
        null,
        now,
        null,
        1,
        now,
        now);
  }

  /**
   * A copy with new progress, cursor, lease and times; the filter stays, the version goes up by one
   * and {@code updatedAt} becomes {@code now}.
   */
  public ReplayJobRecord withProgress(
      String newStatus,
      int newProcessed,
      int newSkipped,
      int newSucceeded,
      int newFailed,
      String newCursorEventId,
      String newLeaseOwner,
      Instant newLeaseExpiresAt,
      Instant newCompletedAt,
      Instant now) {
    return new ReplayJobRecord(
        id,
        orgId,
        envId,
        kind,
        destinationId,
        sourceId,
        eventStatus,
        issueId,
        from,
        to,
        rateLimit,
        maxEvents,
        newStatus,
        total,
        newProcessed,
        newSkipped,
        newSucceeded,
        newFailed,
        newCursorEventId,
        newLeaseOwner,
        newLeaseExpiresAt,
        startedAt,
        newCompletedAt,
        version + 1,
        createdAt,
        now);
  }

  /**
   * A copy that ends the job with {@code newStatus} at {@code now}: counts kept, lease released.
   */
  public ReplayJobRecord finished(String newStatus, Instant now) {
    return withProgress(
        newStatus, processed, skipped, succeeded, failed, cursorEventId, null, null, now, now);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** Whether the job still has work. */
  public boolean active() {
    return RUNNING.equals(status);
  }

  /** Whether a node other than {@code owner} holds the lease at {@code now}. */
  public boolean leasedByOther(String owner, Instant now) {
    return leaseOwner != null
        && !leaseOwner.equals(owner)
        && leaseExpiresAt != null
        && leaseExpiresAt.isAfter(now);
  }
}
