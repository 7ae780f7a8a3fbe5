package io.hookstream.alert.internal;

import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.Notification;
import io.hookstream.spi.NotificationSender;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the delivery scheduler sends a notification task through: it reads the notification back
 * from the task's payload and hands it to the channel type's sender. Registered with the scheduler
 * only, under {@link #TYPE}, so no user destination can take this type. Thread-safe.
 */
public final class NotificationProvider implements DestinationProvider {

  /** The type of the destinations {@link ChannelDestinations} makes of channels. */
  public static final String TYPE = "hookstream_notification";

  /** Where the channel type sits in such a destination's config. */
  static final String CHANNEL_TYPE = "channel_type";

  private final HttpNotificationSender http;
  private final Map<String, NotificationSender> senders;
  private final SecretCipher cipher;

  /** {@code cipher} opens the webhook secrets channels store sealed. */
  public NotificationProvider(
      Map<String, NotificationSender> senders, AddressPolicy addresses, SecretCipher cipher) {
    this.http = new HttpNotificationSender(addresses);
    this.senders = Map.copyOf(senders);
    this.cipher = cipher;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return List.of();
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return ChannelSettings.mask(config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    return send(
        String.valueOf(request.config().get(CHANNEL_TYPE)),
        Notifications.read(request.body()),
        request.config(),
        request.timeout());
  }

  /** Sends {@code n} to a channel of {@code type} with {@code config} as stored. */
  public DeliveryResult send(
      String type, Notification n, Map<String, Object> config, Duration timeout) {
    if (ChannelSettings.HTTP_TYPES.contains(type)) {
      return http.send(type, n, ChannelSettings.withSecret(config, cipher::open), timeout);
    }
    NotificationSender sender = senders.get(type);
    if (sender == null) {
      return DeliveryResult.Failed.before(
          FailureKind.REJECTED, "no notification sender for channel type " + type, false);
    }
    return sender.send(n, config, timeout);
  }
}
