package io.hookstream.delivery;

import java.time.Instant;

/**
 * A destination's circuit as {@code GET /v1/destinations/:id/circuit} shows it: {@code state} is
 * {@code closed}, {@code open} or {@code half_open}; {@code failureCount} counts consecutive
 * failures. {@code concurrencyLimit} is how many of its deliveries this engine runs at once now:
 * the adaptive limit, at most {@code max_in_flight} (1 for an ordered destination).
 */
public record CircuitState(
    String destinationId,
    String state,
    int failureCount,
    Instant lastFailureAt,
    Instant openedAt,
    int concurrencyLimit) {}
