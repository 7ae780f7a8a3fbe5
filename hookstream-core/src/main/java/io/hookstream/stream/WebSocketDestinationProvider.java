package io.hookstream.stream;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Delivered;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.store.Store;
import io.hookstream.stream.internal.StreamJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code websocket} destination type: delivering publishes {@code {"type":"event.delivered",
 * "channel":<channel_name>,"data":{"event_id","destination_id","payload"}}} to the destination's
 * organization, where {@code payload} is the body as a string (what an HTTP destination would have
 * received). Config: {@code channel_name} (required, {@code ^[a-z0-9._-]+$} in any case, not one of
 * {@link StreamChannels#RESERVED}).
 *
 * <p>A delivery succeeds as soon as the message is handed to the bus, also when nobody is
 * subscribed: the broadcast is then dropped. Pair it with a durable destination when the events
 * must not be lost. Thread-safe; never blocks on a subscriber.
 */
public final class WebSocketDestinationProvider implements DestinationProvider {

  public static final String TYPE = "websocket";
  public static final String CHANNEL_NAME = "channel_name";

  private final ChannelBroadcaster broadcaster;
  private final Store store;

  /**
   * Publishes through {@code broadcaster}; reads a destination's organization from {@code store}.
   */
  public WebSocketDestinationProvider(ChannelBroadcaster broadcaster, Store store) {
    this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    List<FieldError> errors = new ArrayList<>();
    Object name = config == null ? null : config.get(CHANNEL_NAME);
    if (name == null || (name instanceof String s && s.isBlank())) {
      errors.add(new FieldError(CHANNEL_NAME, "is required"));
    } else if (!(name instanceof String s)) {
      errors.add(new FieldError(CHANNEL_NAME, "must be a string"));
    } else if (!StreamChannels.isChannelName(s)) {
      errors.add(
          new FieldError(
              CHANNEL_NAME,
              "must match ^[a-z0-9._-]+$ (letters, digits, dots,"
                  + " underscores, hyphens; at most "
                  + StreamChannels.MAX_LENGTH
                  + " characters): "
                  + s));
    } else if (StreamChannels.RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
      errors.add(
          new FieldError(
              CHANNEL_NAME, "'" + s + "' is reserved for engine messages; pick" + " another name"));
    }
    return errors;
  }

  /** Nothing secret in this config: returned as is. */
  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return config == null ? Map.of() : new LinkedHashMap<>(config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    long start = System.nanoTime();
    List<FieldError> errors = validate(request.config());
    if (!errors.isEmpty()) {
      return failure("invalid config: " + errors, start);
    }
    Optional<String> orgId =
        store.destinations().findById(request.destinationId()).map(d -> d.orgId());
    if (orgId.isEmpty()) {
      return failure("destination not found: " + request.destinationId(), start);
    }
    String channel = (String) request.config().get(CHANNEL_NAME);
    String payload = new String(request.body(), StandardCharsets.UTF_8);
    broadcaster.publish(
        orgId.get(),
        channel,
        "event.delivered",
        StreamJson.delivered(request.eventId(), request.destinationId(), payload));
    return new Delivered(0, elapsed(start), Map.of(), Map.of(), null);
  }

  private static DeliveryResult failure(String error, long start) {
    return new Failed(
        FailureKind.REJECTED, error, false, null, 0, elapsed(start), Map.of(), Map.of(), null);
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
