package io.hookstream.stream;

import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.IssueRecord;

/**
 * What the engine tells live subscribers. The ingest path calls {@link #eventReceived}; the
 * delivery scheduler calls {@link #deliveryAttempted} for every settled attempt, the issue tracker
 * {@link #issueChanged} for every created or changed issue, and the destination service and
 * scheduler {@link #destinationChanged} when delivery to a destination is switched (each method
 * fits a {@code Consumer} of its record, for example {@code
 * attemptListener(hs.streams()::deliveryAttempted)}).
 *
 * <p>Implementations must be safe for concurrent use, must not block (they only hand the message to
 * the {@link io.hookstream.spi.ChannelBus}) and must not throw: streaming is best effort.
 */
public interface StreamPublisher {

  /** A stored, accepted event: {@code event} on {@code events} and {@code events:<source_id>}. */
  void eventReceived(EventRecord event);

  /** A settled attempt: {@code delivery} on {@code deliveries} and {@code deliveries:<id>}. */
  void deliveryAttempted(AttemptRecord attempt);

  /** A created, updated or resolved issue: {@code issue} on {@code issues}. */
  void issueChanged(IssueRecord issue);

  /**
   * A destination disabled (by a user or after a 410) or re-enabled: {@code destination} on {@code
   * deliveries} and {@code deliveries:<id>}.
   */
  void destinationChanged(DestinationRecord destination);

  /**
   * A message for the unauthenticated test-session feed {@code /v1/ws/test/<sessionId>}, sent there
   * on channel {@code test}; {@code dataJson} is the {@code data} object as JSON text.
   */
  void testSessionMessage(String sessionId, String type, String dataJson);
}
