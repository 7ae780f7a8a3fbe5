package io.hookstream.spi.store;

import io.hookstream.spi.EventContext;

/**
 * A task claimed for delivery together with what delivering it needs from its event, read by the
 * claim itself (see {@link DeliveryRepository#claimDeliveries}) so that a delivery costs no
 * separate read of the event.
 *
 * <p>{@code eventStatus} is null when the task's event no longer exists; {@code body}, {@code
 * bodyBlobKey} and {@code contentType} are then null too. {@code eventTaskCount} is how many tasks
 * the event had when the task was claimed, this one included (0 if the event is gone): when it is 1
 * the event's status follows from this task alone. {@code event} is the event's source, received
 * time, method and headers (headers read lazily), or null when it is gone.
 */
public record ClaimedTask(
    DeliveryTask task,
    EventStatus eventStatus,
    String contentType,
    byte[] body,
    String bodyBlobKey,
    int eventTaskCount,
    EventContext event) {

  /** A claimed task without event context. */
  public ClaimedTask(
      DeliveryTask task,
      EventStatus eventStatus,
      String contentType,
      byte[] body,
      String bodyBlobKey,
      int eventTaskCount) {
    this(task, eventStatus, contentType, body, bodyBlobKey, eventTaskCount, null);
  }

  /** Whether the task's event still existed when the task was claimed. */
  public boolean eventExists() {
    return eventStatus != null;
  }
}
