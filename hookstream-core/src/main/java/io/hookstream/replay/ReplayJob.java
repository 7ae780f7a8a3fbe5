package io.hookstream.replay;

import java.time.Instant;

/**
 * A replay or bulk-retry job and its progress. {@code kind} is {@code replay} or {@code retry};
 * {@code status} is {@code running}, {@code completed}, {@code cancelled} or {@code failed} (its
 * destination was deleted). {@code total} is how many events matched when the job was created (at
 * most {@code maxEvents}); {@code processed} how many were dealt with, of which {@code skipped}
 * needed nothing (a retry whose delivery had meanwhile succeeded, or an event gone since). {@code
 * succeeded} and {@code failed} count the deliveries the job queued that have finished. {@code
 * eventStatus} and {@code issueId} are the bulk-retry filters (null for a replay).
 */
public record ReplayJob(
    String id,
    String kind,
    String destinationId,
    String sourceId,
    String eventStatus,
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
    Instant startedAt,
    Instant completedAt,
    Instant createdAt) {}
