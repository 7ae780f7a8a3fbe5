package io.hookstream.issue;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Repeated delivery failures of one kind at one destination, as the Java API returns it.
 * Immutable.
 */
public final class Issue {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String destinationId;
  private final String errorType;
  private final String message;
  private final String status;
  private final long occurrenceCount;
  private final Instant firstSeenAt;
  private final Instant lastSeenAt;
  private final List<String> recentAttemptIds;
  private final Instant snoozedUntil;
  private final Instant resolvedAt;
  private final Instant updatedAt;

  private Issue(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.destinationId = b.destinationId;
    this.errorType = b.errorType;
    this.message = b.message;
    this.status = b.status;
    this.occurrenceCount = b.occurrenceCount;
    this.firstSeenAt = b.firstSeenAt;
    this.lastSeenAt = b.lastSeenAt;
    this.recentAttemptIds = b.recentAttemptIds == null ? List.of()
        : List.copyOf(b.recentAttemptIds);
    this.snoozedUntil = b.snoozedUntil;
    this.resolvedAt = b.resolvedAt;
    this.updatedAt = b.updatedAt;
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

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String destinationId() {
    return destinationId;
  }

  /** The kind of failure this issue groups ({@code timeout}, {@code http_5xx}, ...). */
  public String errorType() {
    return errorType;
  }

  /** The latest failure's message. */
  public String message() {
    return message;
  }

  /** {@code open}, {@code acknowledged} or {@code resolved}. */
  public String status() {
    return status;
  }

  public long occurrenceCount() {
    return occurrenceCount;
  }

  public Instant firstSeenAt() {
    return firstSeenAt;
  }

  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  /** The latest failed attempts' ids, newest first. */
  public List<String> recentAttemptIds() {
    return recentAttemptIds;
  }

  /** Until when alerts are muted, or null. */
  public Instant snoozedUntil() {
    return snoozedUntil;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The organization and environment the issue belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Issue other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(destinationId, other.destinationId)
        && Objects.equals(errorType, other.errorType)
        && Objects.equals(message, other.message)
        && Objects.equals(status, other.status)
        && occurrenceCount == other.occurrenceCount
        && Objects.equals(firstSeenAt, other.firstSeenAt)
        && Objects.equals(lastSeenAt, other.lastSeenAt)
        && Objects.equals(recentAttemptIds, other.recentAttemptIds)
        && Objects.equals(snoozedUntil, other.snoozedUntil)
        && Objects.equals(resolvedAt, other.resolvedAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, destinationId, errorType, message, status,
        occurrenceCount, firstSeenAt, lastSeenAt, recentAttemptIds, snoozedUntil, resolvedAt,
        updatedAt);
  }

  @Override
  public String toString() {
    return "Issue[id=" + id
        + ", destinationId=" + destinationId
        + ", status=" + status + "]";
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

    /** @throws NullPointerException naming the missing required value */
    public Issue build() {
      return new Issue(this);
    }
  }
}
