package io.hookstream.issue.internal;

import io.hookstream.issue.Issue;
import io.hookstream.spi.store.IssueRecord;

/** Converts the store's issue record into the Java API's {@link Issue}. Stateless. */
public final class Issues {

  private Issues() {}

  public static Issue toApi(IssueRecord i) {
    return Issue.builder()
        .id(i.id())
        .orgId(i.orgId())
        .envId(i.envId())
        .destinationId(i.destinationId())
        .errorType(i.errorType())
        .message(i.message())
        .status(i.status())
        .occurrenceCount(i.occurrenceCount())
        .firstSeenAt(i.firstSeenAt())
        .lastSeenAt(i.lastSeenAt())
        .recentAttemptIds(i.recentAttemptIds())
        .snoozedUntil(i.snoozedUntil())
        .resolvedAt(i.resolvedAt())
        .updatedAt(i.updatedAt())
        .build();
  }
}
