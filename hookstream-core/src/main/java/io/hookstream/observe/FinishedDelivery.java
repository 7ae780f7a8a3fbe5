package io.hookstream.observe;

import java.time.Duration;

/**
 * One recorded delivery attempt: which event went to which destination, the attempt number (1 for
 * the first), how it ended, the receiver's HTTP status (0 when none arrived or the destination is
 * not HTTP), how long the send took, and the error type of a failure ({@code timeout}, {@code
 * http_5xx}, ...; null on success).
 */
public record FinishedDelivery(
    String orgId,
    String envId,
    String eventId,
    String destinationId,
    String destinationType,
    int attemptNumber,
    AttemptOutcome outcome,
    int statusCode,
    Duration latency,
    String errorType) {}
