package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A destination's circuit breaker: {@code state} is {@code closed}, {@code open} or {@code
 * half_open}; {@code failureCount} counts consecutive failures. {@code version} increases on every
 * change so that nodes update it with compare-and-set.
 */
public record CircuitRecord(
    String destinationId,
    String orgId,
    String envId,
    String state,
    int failureCount,
    Instant lastFailureAt,
    Instant openedAt,
    long version,
    Instant updatedAt) {

  public static CircuitRecord closed(String destinationId, Scope scope, Instant now) {
    return new CircuitRecord(
        destinationId, scope.orgId(), scope.envId(), "closed", 0, null, null, 0, now);
  }
}
