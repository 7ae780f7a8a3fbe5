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
 */
public final class DeliveryAttempt {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String eventId;
  private final String connectionId;
  private final String destinationId;
  private final String taskId;
  private final int attemptNumber;
  private final String status;
  private final Integer statusCode;
  private final Long latencyMs;
  private final Map<String, List<String>> requestHeaders;
  private final Map<String, List<String>> responseHeaders;
  private final String responseBody;
  private final String error;
  private final String errorType;
  private final boolean dlq;
  private final Instant dlqAt;
  private final Instant nextRetryAt;
  private final Instant attemptedAt;

  private DeliveryAttempt(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.eventId = b.eventId;
    this.connectionId = b.connectionId;
    this.destinationId = b.destinationId;
    this.taskId = b.taskId;
    this.attemptNumber = b.attemptNumber;
    this.status = b.status;
    this.statusCode = b.statusCode;
    this.latencyMs = b.latencyMs;
    this.requestHeaders = copy(b.requestHeaders);
    this.responseHeaders = copy(b.responseHeaders);
    this.responseBody = b.responseBody;
    this.error = b.error;
    this.errorType = b.errorType;
    this.dlq = b.dlq;
    this.dlqAt = b.dlqAt;
    this.nextRetryAt = b.nextRetryAt;
    this.attemptedAt = b.attemptedAt;
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

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String eventId() {
    return eventId;
  }

  public String connectionId() {
    return connectionId;
  }

  public String destinationId() {
    return destinationId;
  }

  /** The delivery this attempt belongs to (see {@link ScheduledDelivery#id()}). */
  public String taskId() {
    return taskId;
  }

  /** 1 for the first attempt of a delivery. */
  public int attemptNumber() {
    return attemptNumber;
  }

  /** {@code success} or {@code failed}. */
  public String status() {
    return status;
  }

  /** The destination's HTTP status, or null if no response arrived. */
  public Integer statusCode() {
    return statusCode;
  }

  public Long latencyMs() {
    return latencyMs;
  }

  /** The headers sent, secrets masked. */
  public Map<String, List<String>> requestHeaders() {
    return requestHeaders;
  }

  public Map<String, List<String>> responseHeaders() {
    return responseHeaders;
  }

  /** The response body, captured up to the provider's limit. */
  public String responseBody() {
    return responseBody;
  }

  public String error() {
    return error;
  }

  /** Groups failures into issues ({@code timeout}, {@code http_5xx}, ...). */
  public String errorType() {
    return errorType;
  }

  /** True when this attempt moved the delivery to the dead letter queue. */
  public boolean dlq() {
    return dlq;
  }

  public Instant dlqAt() {
    return dlqAt;
  }

  /** When the next attempt is due, or null if none is. */
  public Instant nextRetryAt() {
    return nextRetryAt;
  }

  public Instant attemptedAt() {
    return attemptedAt;
  }

  /** The organization and environment the attempt belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean succeeded() {
    return "success".equals(status);
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DeliveryAttempt other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(eventId, other.eventId)
        && Objects.equals(connectionId, other.connectionId)
        && Objects.equals(destinationId, other.destinationId)
        && Objects.equals(taskId, other.taskId)
        && attemptNumber == other.attemptNumber
        && Objects.equals(status, other.status)
        && Objects.equals(statusCode, other.statusCode)
        && Objects.equals(latencyMs, other.latencyMs)
        && Objects.equals(requestHeaders, other.requestHeaders)
        && Objects.equals(responseHeaders, other.responseHeaders)
        && Objects.equals(responseBody, other.responseBody)
        && Objects.equals(error, other.error)
        && Objects.equals(errorType, other.errorType)
        && dlq == other.dlq
        && Objects.equals(dlqAt, other.dlqAt)
        && Objects.equals(nextRetryAt, other.nextRetryAt)
        && Objects.equals(attemptedAt, other.attemptedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, eventId, connectionId, destinationId, taskId,
        attemptNumber, status, statusCode, latencyMs, requestHeaders, responseHeaders, responseBody,
        error, errorType, dlq, dlqAt, nextRetryAt, attemptedAt);
  }

  @Override
  public String toString() {
    return "DeliveryAttempt[id=" + id
        + ", eventId=" + eventId
        + ", destinationId=" + destinationId
        + ", status=" + status + "]";
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> values) {
    return values == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(values));
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

    /** @throws NullPointerException naming the missing required value */
    public DeliveryAttempt build() {
      return new DeliveryAttempt(this);
    }
  }
}
