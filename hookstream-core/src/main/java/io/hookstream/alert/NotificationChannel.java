package io.hookstream.alert;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A notification channel as the Java API returns it, secrets masked. Immutable.
 *
 * @param type {@code webhook}, {@code slack}, {@code discord} or {@code email}
 * @param config the channel's settings ({@code url} and {@code secret}, or {@code to})
 */
public record NotificationChannel(
    String id,
    String orgId,
    String envId,
    String name,
    String type,
    Map<String, Object> config,
    Instant createdAt,
    Instant updatedAt) {

  public NotificationChannel {
    Objects.requireNonNull(id, "id");
    config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(config);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
