package io.hookstream.delivery.internal;

import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import java.time.Duration;

/**
 * One claimed task (with what the claim read of its event) and what to do with it. {@code
 * destination} is null only for {@link Kind#CANCEL} of a task whose destination no longer exists;
 * {@code lease} is how long each lease renewal extends it.
 */
public record Work(ClaimedTask claimed, DestinationRecord destination, Kind kind, Duration lease) {

  /** What the runner does with the task. */
  public enum Kind {
    /** Deliver it through the destination's provider. */
    DELIVER,
    /** Deliver it as the half-open circuit's single probe. */
    PROBE,
    /** Dead-letter it without delivery: queued behind an open circuit past its retry window. */
    EXPIRE,
    /** Cancel it: its destination or event is gone. */
    CANCEL
  }

  public DeliveryTask task() {
    return claimed.task();
  }

  public String destinationId() {
    return claimed.task().destinationId();
  }
}
