package io.hookstream.destination.internal;

import io.hookstream.destination.Destination;
import io.hookstream.internal.Json;
import io.hookstream.spi.store.DestinationRecord;

/**
 * Converts the store's destination record, its secrets already masked, into the Java API's {@link
 * Destination}: the config JSON becomes maps. Stateless.
 */
public final class Destinations {

  private Destinations() {}

  public static Destination toApi(DestinationRecord masked) {
    DestinationRecord.RetryPolicy retry = masked.retry();
    DestinationRecord.Delivery delivery = masked.delivery();
    return Destination.builder()
        .id(masked.id())
        .orgId(masked.orgId())
        .envId(masked.envId())
        .name(masked.name())
        .slug(masked.slug())
        .description(masked.description())
        .type(masked.type())
        .config(Json.toMap(masked.configJson()))
        .signingConfig(masked.signingJson() == null ? null : Json.toMap(masked.signingJson()))
        .retry(
            new Destination.RetryPolicy(
                retry.maxAttempts(), retry.backoff(), retry.intervalsSeconds()))
        .delivery(
            new Destination.Delivery(
                delivery.maxInFlight(), delivery.ordered(), delivery.rateLimitPerSecond()))
        .disabledReason(masked.disabledReason())
        .version(masked.version())
        .createdAt(masked.createdAt())
        .updatedAt(masked.updatedAt())
        .build();
  }
}
