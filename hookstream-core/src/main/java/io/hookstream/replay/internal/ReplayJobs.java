package io.hookstream.replay.internal;

import io.hookstream.replay.ReplayJob;
import io.hookstream.spi.store.ReplayJobRecord;

/** Converts the store's replay job record into the Java API's {@link ReplayJob}. Stateless. */
public final class ReplayJobs {

  private ReplayJobs() {}

  public static ReplayJob toApi(ReplayJobRecord j) {
    return new ReplayJob(
        j.id(),
        j.kind(),
        j.destinationId(),
        j.sourceId(),
        j.eventStatus() == null ? null : j.eventStatus().wireName(),
        j.issueId(),
        j.from(),
        j.to(),
        j.rateLimit(),
        j.maxEvents(),
        j.status(),
        j.total(),
        j.processed(),
        j.skipped(),
        j.succeeded(),
        j.failed(),
        j.startedAt(),
        j.completedAt(),
        j.createdAt());
  }
}
