package io.hookstream.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One destination type ({@code http}, {@code websocket}, {@code aws_sqs}, ...): validates its
 * configuration, masks its secrets, and delivers one event.
 *
 * <p>Implementations must be safe for concurrent use. {@link #deliver} must not throw for a failed
 * delivery: it reports the failure in its result, with whether a retry could succeed. It must
 * return within the request's timeout. A provider that is {@link AutoCloseable} is closed when the
 * engine closes.
 */
public interface DestinationProvider {

  /** The destination type this provider serves, as stored and as seen in the API. */
  String type();

  /**
   * Checks {@code config} (a JSON object as plain Java: maps, lists, strings, numbers, booleans,
   * nulls) and names every invalid field; empty when valid.
   */
  List<FieldError> validate(Map<String, Object> config);

  /** {@code config} with secrets replaced for display (for example {@code "sk_l****"}). */
  Map<String, Object> mask(Map<String, Object> config);

  /** Delivers one event; never throws for a delivery failure. */
  DeliveryResult deliver(DeliveryRequest request);

  /**
   * Forgets whatever this provider keeps for the destination (a client, a connection pool): the
   * engine calls it after the destination was updated or deleted, so the next delivery builds from
   * the new config. Must not throw. Optional: the default keeps nothing.
   */
  default void destinationChanged(String destinationId) {}

  /**
   * What to deliver: the event and attempt identity, the destination's config, the body to send
   * (original or transformed) and its content type, the time the attempt started, and the event's
   * context (source, received time, method, headers). Build one with {@link #builder()}.
   */
  record DeliveryRequest(
      String eventId,
      String destinationId,
      int attemptNumber,
      Map<String, Object> config,
      byte[] body,
      String contentType,
      Instant timestamp,
      Duration timeout,
      EventContext event) {
    private static final EventContext UNKNOWN_EVENT = EventContext.of(null, null, null, Map.of());

    public DeliveryRequest {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(destinationId, "destinationId");
      config = config == null ? Map.of() : config;
      body = body == null ? new byte[0] : body;
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(timeout, "timeout");
      event = event == null ? UNKNOWN_EVENT : event;
    }

    /** A request without event context (its fields read null, its headers empty). */
    public DeliveryRequest(
        String eventId,
        String destinationId,
        int attemptNumber,
        Map<String, Object> config,
        byte[] body,
        String contentType,
        Instant timestamp,
        Duration timeout) {
      this(
          eventId,
          destinationId,
          attemptNumber,
          config,
          body,
          contentType,
          timestamp,
          timeout,
          null);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
      return new Builder()
          .eventId(eventId)
          .destinationId(destinationId)
          .attemptNumber(attemptNumber)
          .config(config)
          .body(body)
          .contentType(contentType)
          .timestamp(timestamp)
          .timeout(timeout)
          .event(event);
    }

    /** Builds a {@link DeliveryRequest}; eventId, destinationId, timestamp, timeout required. */
    public static final class Builder {
      private String eventId;
      private String destinationId;
      private int attemptNumber = 1;
      private Map<String, Object> config;
      private byte[] body;
      private String contentType;
      private Instant timestamp;
      private Duration timeout;
      private EventContext event;

      private Builder() {}

      public Builder eventId(String eventId) {
        this.eventId = eventId;
        return this;
      }

      public Builder destinationId(String destinationId) {
        this.destinationId = destinationId;
        return this;
      }

      public Builder attemptNumber(int attemptNumber) {
        this.attemptNumber = attemptNumber;
        return this;
      }

      public Builder config(Map<String, Object> config) {
        this.config = config;
        return this;
      }

      public Builder body(byte[] body) {
        this.body = body;
        return this;
      }

      public Builder contentType(String contentType) {
        this.contentType = contentType;
        return this;
      }

      public Builder timestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
      }

      public Builder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
      }

      public Builder event(EventContext event) {
        this.event = event;
        return this;
      }

      public DeliveryRequest build() {
        return new DeliveryRequest(
            eventId,
            destinationId,
            attemptNumber,
            config,
            body,
            contentType,
            timestamp,
            timeout,
            event);
      }
    }
  }

  /** Why a delivery failed; drives retry decisions and issue grouping. */
  enum FailureKind {
    HTTP_4XX,
    HTTP_5XX,
    TIMEOUT,
    NETWORK,
    ENDPOINT_GONE,
    /** Refused before sending: blocked address, invalid config. */
    REJECTED,
    /** The service asked to slow down (AWS reports it as a 400 with an error code). */
    THROTTLED,
    /** The service refused the credentials or their permissions. */
    AUTH,
    /** The queue, bucket, bus, topic or exchange does not exist. */
    NOT_FOUND,
    /** The message is larger than the service accepts. */
    TOO_LARGE
  }

  /**
   * The outcome of one attempt: {@link Delivered} or {@link Failed}, so a success never carries a
   * failure kind. {@code statusCode} is 0 when no response arrived; {@code responseBody} is already
   * truncated by the provider (4 KB). A failure's {@code retryable} is the provider's verdict,
   * which the engine follows (only an ENDPOINT_GONE is never retried).
   */
  sealed interface DeliveryResult {

    int statusCode();

    long latencyMillis();

    Map<String, List<String>> requestHeaders();

    Map<String, List<String>> responseHeaders();

    String responseBody();

    default boolean success() {
      return this instanceof Delivered;
    }

    /** Why it failed; null for a delivery. */
    default FailureKind failureKind() {
      return null;
    }

    /** The failure's message; null for a delivery. */
    default String error() {
      return null;
    }

    /** Whether a retry could succeed; false for a delivery. */
    default boolean retryable() {
      return false;
    }

    /** The receiver's {@code Retry-After}, or null. */
    default Duration retryAfter() {
      return null;
    }

    /** The receiver accepted the event. */
    record Delivered(
        int statusCode,
        long latencyMillis,
        Map<String, List<String>> requestHeaders,
        Map<String, List<String>> responseHeaders,
        String responseBody)
        implements DeliveryResult {
      public Delivered {
        requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
        responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
      }
    }

    /** The attempt failed for {@code failureKind}; {@code retryAfter} may be null. */
    record Failed(
        FailureKind failureKind,
        String error,
        boolean retryable,
        Duration retryAfter,
        int statusCode,
        long latencyMillis,
        Map<String, List<String>> requestHeaders,
        Map<String, List<String>> responseHeaders,
        String responseBody)
        implements DeliveryResult {
      public Failed {
        Objects.requireNonNull(failureKind, "failureKind");
        requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
        responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
      }

      /** A failure before anything was sent or received. */
      public static Failed before(FailureKind failureKind, String error, boolean retryable) {
        return new Failed(failureKind, error, retryable, null, 0, 0, null, null, null);
      }
    }
  }
}
