package io.hookstream.delivery;

import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery of one event to one destination, as users see it: where it stands and when it runs
 * next. The scheduler's bookkeeping (leases, versions, the payload) stays behind the service.
 * Immutable.
 *
 * @param id The task id; attempts name it as {@link DeliveryAttempt#taskId()}.
 * @param attempts Attempts made so far.
 * @param nextAttemptAt When the next attempt is due.
 */
public record ScheduledDelivery(
    String id,
    String orgId,
    String envId,
    String eventId,
    String connectionId,
    String destinationId,
    TaskStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant updatedAt) {

  public ScheduledDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
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

    /**
     * @throws NullPointerException naming the missing required value
     */
    public ScheduledDelivery build() {
      return new ScheduledDelivery(
          id,
          orgId,
          envId,
          eventId,
          connectionId,
          destinationId,
          status,
          attempts,
          nextAttemptAt,
          createdAt,
          updatedAt);
    }
  }
}
