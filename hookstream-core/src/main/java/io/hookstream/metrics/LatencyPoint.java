package io.hookstream.metrics;

import java.time.Instant;

/**
 * Latency percentiles of the attempts to one destination in one bucket, in milliseconds: exact
 * below 2048 ms, within 0.1% above (they come from a mergeable sketch, not from sorting rows).
 */
public record LatencyPoint(
    Instant bucket,
    String destinationId,
    String destinationName,
    long p50LatencyMs,
    long p95LatencyMs,
    long p99LatencyMs,
    long avgLatencyMs) {}
