package io.hookstream.spi;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends alert notifications for one channel type that the engine does not build in (the SMTP
 * module's {@code email}). Like a destination provider it validates a channel's config when the
 * channel is written, and reports a failed send in its result with whether a retry could help; the
 * engine queues, retries and dead-letters notifications as it does deliveries.
 *
 * <p>Implementations must be safe for concurrent use and must not throw for a failed send.
 */
public interface NotificationSender {

  /** The channel type served, as stored and as seen in the API ({@code email}). */
  String channelType();

  /** Names every invalid field of {@code config} (plain Java JSON values); empty when valid. */
  List<FieldError> validate(Map<String, Object> config);

  /** Sends one notification within {@code timeout}; never throws for a failed send. */
  DeliveryResult send(Notification notification, Map<String, Object> config, Duration timeout);
}
