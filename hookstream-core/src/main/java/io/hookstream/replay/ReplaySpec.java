package io.hookstream.replay;

import io.hookstream.internal.Validation;
import java.time.Instant;

/**
 * What a caller asks a replay to be: the fields of {@code POST /v1/replay}. {@code destinationId},
 * {@code from} and {@code to} are required; {@code rateLimit} (events per second of engine clock,
 * 1-100, default 10) and {@code maxEvents} (1-10,000, default 1,000) are optional.
 */
public record ReplaySpec(
    String destinationId, String sourceId, Instant from, Instant to, int rateLimit, int maxEvents) {

  public static final int DEFAULT_RATE_LIMIT = 10;
  public static final int MAX_RATE_LIMIT = 100;
  public static final int DEFAULT_MAX_EVENTS = 1_000;
  public static final int MAX_MAX_EVENTS = 10_000;

  public static Builder builder() {
    return new Builder();
  }

  /** Checks the pacing fields every job has; adds their errors to {@code v}. */
  static void checkPacing(Validation v, Integer rateLimit, Integer maxEvents) {
    v.checkRange("rate_limit", rateLimit, 1, MAX_RATE_LIMIT)
        .checkRange("max_events", maxEvents, 1, MAX_MAX_EVENTS);
  }

  /** Checks that {@code from} is not after {@code to}; adds the error to {@code v}. */
  static void checkWindow(Validation v, Instant from, Instant to) {
    if (from != null && to != null && from.isAfter(to)) {
      v.error("from", "must not be after to (" + to + "), got " + from);
    }
  }

  /** Mutable builder; {@link #build()} throws a 422 naming every bad field. Not thread-safe. */
  public static final class Builder {
    private String destinationId;
    private String sourceId;
    private Instant from;
    private Instant to;
    private Integer rateLimit;
    private Integer maxEvents;

    Builder() {}

    public Builder destinationId(String v) {
      destinationId = v;
      return this;
    }

    public Builder sourceId(String v) {
      sourceId = v;
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

    public ReplaySpec build() {
      Validation v = new Validation().requireText("destination_id", destinationId, 200);
      if (from == null) {
        v.error("from", "is required");
      }
      if (to == null) {
        v.error("to", "is required");
      }
      checkWindow(v, from, to);
      checkPacing(v, rateLimit, maxEvents);
      v.throwIfInvalid();
      return new ReplaySpec(
          destinationId,
          sourceId,
          from,
          to,
          rateLimit == null ? DEFAULT_RATE_LIMIT : rateLimit,
          maxEvents == null ? DEFAULT_MAX_EVENTS : maxEvents);
    }
  }
}
