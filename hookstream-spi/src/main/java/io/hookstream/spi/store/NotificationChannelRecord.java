package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification channel as stored: where alert notifications go. {@code type} is {@code webhook},
 * {@code slack}, {@code discord} or {@code email}; {@code configJson} holds its settings (URL and
 * optional secret, or the email recipients) as a JSON object.
 */
public record NotificationChannelRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String type,
    String configJson,
    Instant createdAt,
    Instant updatedAt) {

  public NotificationChannelRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
