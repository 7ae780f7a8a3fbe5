package io.hookstream.delivery;

import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery of one event to one destination, as users see it: where it stands and when it runs
 * next. The scheduler's bookkeeping (leases, versions, the payload) stays behind the service.
 * Immutable.
 */
public final class ScheduledDelivery {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String eventId;
  private final String connectionId;
  private final String destinationId;
  private final TaskStatus status;
  private final int attempts;
  private final Instant nextAttemptAt;
  private final Instant createdAt;
  private final Instant updatedAt;

  private ScheduledDelivery(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.eventId = b.eventId;
    this.connectionId = b.connectionId;
    this.destinationId = b.destinationId;
    this.status = b.status;
    this.attempts = b.attempts;
    this.nextAttemptAt = b.nextAttemptAt;
    this.createdAt = b.createdAt;
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
        .eventId(eventId)
        .connectionId(connectionId)
        .destinationId(destinationId)
        .status(status)
        .attempts(attempts)
        .nextAttemptAt(nextAttemptAt)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  /** The task id; attempts name it as {@link DeliveryAttempt#taskId()}. */
  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String eventId() {
    return eventId;
  }

  public String connectionId() {
    return connectionId;
  }

  public String destinationId() {
    return destinationId;
  }

  public TaskStatus status() {
    return status;
  }

  /** Attempts made so far. */
  public int attempts() {
    return attempts;
  }

  /** When the next attempt is due. */
  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ScheduledDelivery other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(eventId, other.eventId)
        && Objects.equals(connectionId, other.connectionId)
        && Objects.equals(destinationId, other.destinationId)
        && Objects.equals(status, other.status)
        && attempts == other.attempts
        && Objects.equals(nextAttemptAt, other.nextAttemptAt)
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, eventId, connectionId, destinationId, status, attempts,
        nextAttemptAt, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "ScheduledDelivery[id=" + id
        + ", eventId=" + eventId
        + ", destinationId=" + destinationId
        + ", status=" + status + "]";
  }

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String eventId;
    private String connectionId;
    private String destinationId;
    private TaskStatus status;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant createdAt;
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

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder connectionId(String connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    public Builder status(TaskStatus status) {
      this.status = status;
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder nextAttemptAt(Instant nextAttemptAt) {
      this.nextAttemptAt = nextAttemptAt;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** @throws NullPointerException naming the missing required value */
    public ScheduledDelivery build() {
      return new ScheduledDelivery(this);
    }
  }
}
