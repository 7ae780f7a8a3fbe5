package io.hookstream.alert.internal;

import io.hookstream.internal.Json;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.NotificationChannelRecord;
import io.hookstream.spi.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A notification channel seen by the delivery scheduler as a destination of type {@link
 * NotificationProvider#TYPE}: its id is the channel's ({@code nc_}), its config the channel's with
 * the channel type added, and it retries on the default schedule (30 s, 5 min, 30 min, 2 h, 24 h)
 * before the notification is dead-lettered. A deleted channel reads as absent, so its queued
 * notifications are cancelled. Stateless.
 */
public final class ChannelDestinations {

  public static final String PREFIX = "nc_";

  private ChannelDestinations() {}

  /** Whether {@code destinationId} names a notification channel. */
  public static boolean isChannel(String destinationId) {
    return destinationId != null && destinationId.startsWith(PREFIX);
  }

  public static Optional<DestinationRecord> find(Store store, String channelId) {
    return store.notificationChannels().findById(channelId).map(ChannelDestinations::of);
  }

  static DestinationRecord of(NotificationChannelRecord c) {
    Map<String, Object> config = new LinkedHashMap<>(Json.toMap(c.configJson()));
    config.put(NotificationProvider.CHANNEL_TYPE, c.type());
    return new DestinationRecord(
        c.id(),
        c.orgId(),
        c.envId(),
        c.name(),
        c.id(),
        null,
        NotificationProvider.TYPE,
        Json.write(config),
        null,
        DestinationRecord.RetryPolicy.DEFAULT,
        DestinationRecord.Delivery.DEFAULT,
        null,
        0,
        c.createdAt(),
        c.updatedAt(),
        null);
  }
}
