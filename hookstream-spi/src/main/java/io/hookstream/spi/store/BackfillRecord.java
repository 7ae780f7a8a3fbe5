package io.hookstream.spi.store;

import java.time.Instant;

/**
 * The backfill of one collection (at most one per collection; a new one replaces a finished one):
 * it visits the source's stored events in id order ({@code cursorEventId} is the last one visited)
 * and upserts each. {@code processed} counts visited events, {@code applied} those that changed a
 * record, {@code skipped} those without a key. A node steps it while it holds the lease; {@code
 * version} increases on every change (compare-and-set).
 */
public record BackfillRecord(
    String collectionId,
    String orgId,
    String envId,
    String status,
    int total,
    int processed,
    int applied,
    int skipped,
    String cursorEventId,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant startedAt,
    Instant completedAt,
    String error,
    long version,
    Instant updatedAt) {

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  /** A new running backfill of {@code total} events, started at {@code now}. */
  public static BackfillRecord started(
      String collectionId, Scope scope, int total, long version, Instant now) {
    return new BackfillRecord(
        collectionId,
        scope.orgId(),
        scope.envId(),
        RUNNING,
        total,
        0,
        0,
        0,
        null,
        null,
        null,
        now,
        null,
        null,
        version,
        now);
  }

  /** A copy after one more batch; the version goes up by one. */
  public BackfillRecord stepped(
      int more,
      int moreApplied,
      int moreSkipped,
      String cursor,
      String owner,
      Instant leaseUntil,
      boolean done,
      Instant now) {
    return new BackfillRecord(
        collectionId,
        orgId,
        envId,
        done ? COMPLETED : RUNNING,
        Math.max(total, processed + more),
        processed + more,
        applied + moreApplied,
        skipped + moreSkipped,
        cursor,
        done ? null : owner,
        done ? null : leaseUntil,
        startedAt,
        done ? now : null,
        null,
        version + 1,
        now);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean active() {
    return RUNNING.equals(status);
  }
}
