package io.hookstream.metrics;

import java.time.Instant;

/**
 * Delivery attempts to one destination in one bucket, by outcome; {@code avgLatencyMs} is null when
 * no attempt had a latency.
 */
public record DeliveryPoint(
    Instant bucket,
    String destinationId,
    String destinationName,
    long deliveryCount,
    long successCount,
    long failedCount,
    Long avgLatencyMs) {}
