package io.hookstream.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request scheduled with {@link ToolsService#schedule}, as read by its id: pending until it
 * fires, then completed (a response arrived) or failed (none did). The request's headers and body
 * are not shown: anyone holding the id can read this.
 */
public record ScheduledSend(
    String id,
    String url,
    String method,
    Instant firesAt,
    Status status,
    OptionalInt responseStatus,
    Optional<Duration> latency,
    Optional<String> error,
    Optional<Instant> completedAt,
    Instant createdAt) {

  /** Where a scheduled send is. */
  public enum Status {
    PENDING,
    COMPLETED,
    FAILED;

    /** The lower-case name the REST API uses. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ScheduledSend {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(responseStatus, "responseStatus");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(completedAt, "completedAt");
  }
}
