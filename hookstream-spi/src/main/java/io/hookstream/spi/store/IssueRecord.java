package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * An auto-detected problem: failures of one destination grouped by error type. {@code status} is
 * {@code open}, {@code acknowledged} or {@code resolved}; {@code recentAttemptIds} keeps the newest
 * failing attempts, newest first.
 */
public record IssueRecord(
    String id,
    String orgId,
    String envId,
    String destinationId,
    String errorType,
    String message,
    String status,
    long occurrenceCount,
    Instant firstSeenAt,
    Instant lastSeenAt,
    List<String> recentAttemptIds,
    Instant snoozedUntil,
    Instant resolvedAt,
    Instant updatedAt) {

  public IssueRecord {
    recentAttemptIds = recentAttemptIds == null ? List.of() : List.copyOf(recentAttemptIds);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
