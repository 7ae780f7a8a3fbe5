package io.hookstream.delivery.internal;

import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ScheduledDelivery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;

/**
 * Converts the store's attempt and task records into the Java API's {@link DeliveryAttempt} and
 * {@link ScheduledDelivery}; a task's lease, version and payload stay behind. Stateless.
 */
public final class Attempts {

  private Attempts() {}

  public static DeliveryAttempt toApi(AttemptRecord a) {
    return DeliveryAttempt.builder()
        .id(a.id())
        .orgId(a.orgId())
        .envId(a.envId())
        .eventId(a.eventId())
        .connectionId(a.connectionId())
        .destinationId(a.destinationId())
        .taskId(a.taskId())
        .attemptNumber(a.attemptNumber())
        .status(a.status())
        .statusCode(a.statusCode())
        .latencyMs(a.latencyMs())
        .requestHeaders(a.requestHeaders())
        .responseHeaders(a.responseHeaders())
        .responseBody(a.responseBody())
        .error(a.error())
        .errorType(a.errorType())
        .dlq(a.dlq())
        .dlqAt(a.dlqAt())
        .nextRetryAt(a.nextRetryAt())
        .attemptedAt(a.attemptedAt())
        .build();
  }

  public static ScheduledDelivery toApi(DeliveryTask t) {
    return ScheduledDelivery.builder()
        .id(t.id())
        .orgId(t.orgId())
        .envId(t.envId())
        .eventId(t.eventId())
        .connectionId(t.connectionId())
        .destinationId(t.destinationId())
        .status(t.status())
        .attempts(t.attempts())
        .nextAttemptAt(t.nextAttemptAt())
        .createdAt(t.createdAt())
        .updatedAt(t.updatedAt())
        .build();
  }
}
