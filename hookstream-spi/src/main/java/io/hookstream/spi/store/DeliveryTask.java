package io.hookstream.spi.store;

import java.time.Instant;

/**
 * Durable delivery work: one event to one destination through one connection. A scheduler claims a
 * due task by setting {@code leaseOwner} and {@code leaseExpiresAt}; a task whose lease has expired
 * is due again, so a crashed node's work is taken over. {@code attempts} counts the attempts made
 * so far. {@code payload} is the transformed body, or null to send the event's own body. {@code
 * sequence} orders tasks of one destination (FIFO for ordered delivery). {@code orderingKey}, when
 * not null, is the connection's ordering key read from the event: a keyed task is claimable only
 * once no earlier pending task of its destination has the same key. {@code version} increases on
 * every change (optimistic locking).
 */
public record DeliveryTask(
    String id,
    String orgId,
    String envId,
    String eventId,
    String connectionId,
    String destinationId,
    TaskStatus status,
    int attempts,
    Instant nextAttemptAt,
    String leaseOwner,
    Instant leaseExpiresAt,
    byte[] payload,
    String payloadContentType,
    long sequence,
    String orderingKey,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** An unkeyed task (delivered without per-key ordering). */
  public DeliveryTask(
      String id,
      String orgId,
      String envId,
      String eventId,
      String connectionId,
      String destinationId,
      TaskStatus status,
      int attempts,
      Instant nextAttemptAt,
      String leaseOwner,
      Instant leaseExpiresAt,
      byte[] payload,
      String payloadContentType,
      long sequence,
      long version,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        orgId,
        envId,
        eventId,
        connectionId,
        destinationId,
        status,
        attempts,
        nextAttemptAt,
        leaseOwner,
        leaseExpiresAt,
        payload,
        payloadContentType,
        sequence,
        null,
        version,
        createdAt,
        updatedAt);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** Whether a lease is held at {@code now}. */
  public boolean leased(Instant now) {
    return leaseOwner != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
  }

  /** Whether a scheduler may claim this task at {@code now}. */
  public boolean due(Instant now) {
    return status == TaskStatus.PENDING && !nextAttemptAt.isAfter(now) && !leased(now);
  }

  /** A copy claimed by {@code owner} until {@code until}. */
  public DeliveryTask claimed(String owner, Instant until, Instant now) {
    return new DeliveryTask(
        id,
        orgId,
        envId,
        eventId,
        connectionId,
        destinationId,
        status,
        attempts,
        nextAttemptAt,
        owner,
        until,
        payload,
        payloadContentType,
        sequence,
        orderingKey,
        version + 1,
        createdAt,
        now);
  }

  /** A copy after an attempt: new status, attempt count and next attempt time, lease released. */
  public DeliveryTask settled(TaskStatus newStatus, int newAttempts, Instant next, Instant now) {
    return new DeliveryTask(
        id,
        orgId,
        envId,
        eventId,
        connectionId,
        destinationId,
        newStatus,
        newAttempts,
        next,
        null,
        null,
        payload,
        payloadContentType,
        sequence,
        orderingKey,
        version + 1,
        createdAt,
        now);
  }
}
