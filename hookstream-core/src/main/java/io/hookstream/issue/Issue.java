package io.hookstream.issue;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Repeated delivery failures of one kind at one destination, as the Java API returns it. Immutable.
 *
 * @param errorType The kind of failure this issue groups ({@code timeout}, {@code http_5xx}, ...).
 * @param message The latest failure's message.
 * @param status {@code open}, {@code acknowledged} or {@code resolved}.
 * @param recentAttemptIds The latest failed attempts' ids, newest first.
 * @param snoozedUntil Until when alerts are muted, or null.
 */
public record Issue(
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

  public Issue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    recentAttemptIds = recentAttemptIds == null ? List.of() : List.copyOf(recentAttemptIds);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .orgId(orgId)
        .envId(envId)
        .destinationId(destinationId)
        .errorType(errorType)
        .message(message)
        .status(status)
        .occurrenceCount(occurrenceCount)
        .firstSeenAt(firstSeenAt)
        .lastSeenAt(lastSeenAt)
        .recentAttemptIds(recentAttemptIds)
        .snoozedUntil(snoozedUntil)
        .resolvedAt(resolvedAt)
        .updatedAt(updatedAt);
  }

  /**
   * {@code critical}, {@code warning} or {@code info}, from the error type (see {@link
   * IssueSeverity}).
   */
  public String severity() {
    return IssueSeverity.of(errorType);
  }

  /** The organization and environment the issue belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String destinationId;
    private String errorType;
    private String message;
    private String status;
    private long occurrenceCount;
    private Instant firstSeenAt;
    private Instant lastSeenAt;
    private List<String> recentAttemptIds;
    private Instant snoozedUntil;
    private Instant resolvedAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder envId(String envId) {
      this.envId = envId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    public Builder errorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder occurrenceCount(long occurrenceCount) {
      this.occurrenceCount = occurrenceCount;
      return this;
    }

    public Builder firstSeenAt(Instant firstSeenAt) {
      this.firstSeenAt = firstSeenAt;
      return this;
    }

    public Builder lastSeenAt(Instant lastSeenAt) {
      this.lastSeenAt = lastSeenAt;
      return this;
    }

    public Builder recentAttemptIds(List<String> recentAttemptIds) {
      this.recentAttemptIds = recentAttemptIds;
      return this;
    }

    public Builder snoozedUntil(Instant snoozedUntil) {
      this.snoozedUntil = snoozedUntil;
      return this;
    }

    public Builder resolvedAt(Instant resolvedAt) {
      this.resolvedAt = resolvedAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * @throws NullPointerException naming the missing required value
     */
    public Issue build() {
      return new Issue(
          id,
          orgId,
          envId,
          destinationId,
          errorType,
          message,
          status,
          occurrenceCount,
          firstSeenAt,
          lastSeenAt,
          recentAttemptIds,
          snoozedUntil,
          resolvedAt,
          updatedAt);
    }
  }
}
