package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One delivery attempt, kept for audit: what was sent, what came back, how long it took. {@code
 * status} is {@code success} or {@code failed}; {@code errorType} groups failures into issues
 * ({@code http_5xx}, {@code http_4xx}, {@code timeout}, {@code network}, {@code transform_error},
 * {@code circuit_open}, {@code endpoint_gone}). {@code dlq} marks the attempt that sent the task to
 * the dead letter queue.
 */
public record AttemptRecord(
    String id,
    String orgId,
    String envId,
    String eventId,
    String connectionId,
    String destinationId,
    String taskId,
    int attemptNumber,
    String status,
    Integer statusCode,
    Long latencyMs,
    Map<String, List<String>> requestHeaders,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    String error,
    String errorType,
    boolean dlq,
    Instant dlqAt,
    Instant nextRetryAt,
    Instant attemptedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean succeeded() {
    return "success".equals(status);
  }
}
