package io.hookstream.delivery;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One delivery attempt of an event to a destination, as the Java API returns it. Immutable.
 *
 * @param taskId The delivery this attempt belongs to (see {@link ScheduledDelivery#id()}).
 * @param attemptNumber 1 for the first attempt of a delivery.
 * @param status {@code success} or {@code failed}.
 * @param statusCode The destination's HTTP status, or null if no response arrived.
 * @param requestHeaders The headers sent, secrets masked.
 * @param responseBody The response body, captured up to the provider's limit.
 * @param errorType Groups failures into issues ({@code timeout}, {@code http_5xx}, ...).
 * @param dlq True when this attempt moved the delivery to the dead letter queue.
 * @param nextRetryAt When the next attempt is due, or null if none is.
 */
public record DeliveryAttempt(
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

  public DeliveryAttempt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    requestHeaders = copy(requestHeaders);
    responseHeaders = copy(responseHeaders);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .orgId(orgId)
        .envId(envId)
        .eventId(eventId)
        .connectionId(connectionId)
        .destinationId(destinationId)
        .taskId(taskId)
        .attemptNumber(attemptNumber)
        .status(status)
        .statusCode(statusCode)
        .latencyMs(latencyMs)
        .requestHeaders(requestHeaders)
        .responseHeaders(responseHeaders)
        .responseBody(responseBody)
        .error(error)
        .errorType(errorType)
        .dlq(dlq)
        .dlqAt(dlqAt)
        .nextRetryAt(nextRetryAt)
        .attemptedAt(attemptedAt);
  }

  /** The organization and environment the attempt belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean succeeded() {
    return "success".equals(status);
  }

  private static <V> Map<String, V> copy(Map<String, V> values) {
    return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String eventId;
    private String connectionId;
    private String destinationId;
    private String taskId;
    private int attemptNumber;
    private String status;
    private Integer statusCode;
    private Long latencyMs;
    private Map<String, List<String>> requestHeaders;
    private Map<String, List<String>> responseHeaders;
    private String responseBody;
    private String error;
    private String errorType;
    private boolean dlq;
    private Instant dlqAt;
    private Instant nextRetryAt;
    private Instant attemptedAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder envId(String envId) {
      this.envId = envId;
      return this;
    }

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder connectionId(String connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    public Builder taskId(String taskId) {
      this.taskId = taskId;
      return this;
    }

    public Builder attemptNumber(int attemptNumber) {
      this.attemptNumber = attemptNumber;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder statusCode(Integer statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    public Builder latencyMs(Long latencyMs) {
      this.latencyMs = latencyMs;
      return this;
    }

    public Builder requestHeaders(Map<String, List<String>> requestHeaders) {
      this.requestHeaders = requestHeaders;
      return this;
    }

    public Builder responseHeaders(Map<String, List<String>> responseHeaders) {
      this.responseHeaders = responseHeaders;
      return this;
    }

    public Builder responseBody(String responseBody) {
      this.responseBody = responseBody;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder errorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    public Builder dlq(boolean dlq) {
      this.dlq = dlq;
      return this;
    }

    public Builder dlqAt(Instant dlqAt) {
      this.dlqAt = dlqAt;
      return this;
    }

    public Builder nextRetryAt(Instant nextRetryAt) {
      this.nextRetryAt = nextRetryAt;
      return this;
    }

    public Builder attemptedAt(Instant attemptedAt) {
      this.attemptedAt = attemptedAt;
      return this;
    }

    /**
     * @throws NullPointerException naming the missing required value
     */
    public DeliveryAttempt build() {
      return new DeliveryAttempt(
          id,
          orgId,
          envId,
          eventId,
          connectionId,
          destinationId,
          taskId,
          attemptNumber,
          status,
          statusCode,
          latencyMs,
          requestHeaders,
          responseHeaders,
          responseBody,
          error,
          errorType,
          dlq,
          dlqAt,
          nextRetryAt,
          attemptedAt);
    }
  }
}
