package io.hookstream.replay;

import io.hookstream.internal.Validation;
import java.time.Instant;

/**
 * Which failed deliveries a bulk retry queues again: the fields of {@code POST /v1/events/retry}.
 * Events with status {@code failed} (the only status accepted, and the default) received within
 * {@code [from, to]} (default: the retention window up to now), of {@code sourceId} when set; of
 * each, the dead deliveries to {@code destinationId} (or the destination of {@code issueId}, or
 * every destination). Paced like a replay by {@code rateLimit} and capped by {@code maxEvents}.
 */
public record BulkRetrySpec(
    String status,
    String sourceId,
    String destinationId,
    String issueId,
    Instant from,
    Instant to,
    int rateLimit,
    int maxEvents) {

  public static final String FAILED = "failed";

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; {@link #build()} throws a 422 naming every bad field. Not thread-safe. */
  public static final class Builder {
    private String status;
    private String sourceId;
    private String destinationId;
    private String issueId;
    private Instant from;
    private Instant to;
    private Integer rateLimit;
    private Integer maxEvents;

    Builder() {}

    public Builder status(String v) {
      status = v;
      return this;
    }

    public Builder sourceId(String v) {
      sourceId = v;
      return this;
    }

    public Builder destinationId(String v) {
      destinationId = v;
      return this;
    }

    public Builder issueId(String v) {
      issueId = v;
      return this;
    }

    public Builder from(Instant v) {
      from = v;
      return this;
    }

    public Builder to(Instant v) {
      to = v;
      return this;
    }

    public Builder rateLimit(Integer v) {
      rateLimit = v;
      return this;
    }

    public Builder maxEvents(Integer v) {
      maxEvents = v;
      return this;
    }

    public BulkRetrySpec build() {
      Validation v = new Validation();
      if (status != null && !FAILED.equals(status)) {
        v.error("status", "must be failed, got " + status);
      }
      ReplaySpec.checkWindow(v, from, to);
      ReplaySpec.checkPacing(v, rateLimit, maxEvents);
      v.throwIfInvalid();
      return new BulkRetrySpec(
          FAILED,
          sourceId,
          destinationId,
          issueId,
          from,
          to,
          rateLimit == null ? ReplaySpec.DEFAULT_RATE_LIMIT : rateLimit,
          maxEvents == null ? ReplaySpec.DEFAULT_MAX_EVENTS : maxEvents);
    }
  }
}
