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
 * <p>Implementations must be safe for concurrent use. {@link #deliver} must not throw for a
 * failed delivery: it reports the failure in its result, with whether a retry could succeed. It
 * must return within the request's timeout.
 */
public interface DestinationProvider {

  /** The destination type this provider serves, as stored and as seen in the API. */
  String type();

  /**
   * Checks {@code config} (a JSON object as plain Java: maps, lists, strings, numbers,
   * booleans, nulls) and names every invalid field; empty when valid.
   */
  List<FieldError> validate(Map<String, Object> config);

  /** {@code config} with secrets replaced for display (for example {@code "sk_l****"}). */
  Map<String, Object> mask(Map<String, Object> config);

  /** Delivers one event; never throws for a delivery failure. */
  DeliveryResult deliver(DeliveryRequest request);

  /**
   * What to deliver: the event and attempt identity, the destination's config, the body to send
   * (original or transformed) and its content type, and the time the attempt started.
   */
  record DeliveryRequest(
      String eventId,
      String destinationId,
      int attemptNumber,
      Map<String, Object> config,
      byte[] body,
      String contentType,
      Instant timestamp,
      Duration timeout) {
    public DeliveryRequest {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(destinationId, "destinationId");
      config = config == null ? Map.of() : config;
      body = body == null ? new byte[0] : body;
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(timeout, "timeout");
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
    REJECTED
  }

  /**
   * The outcome of one attempt: {@link Delivered} or {@link Failed}, so a success never carries
   * a failure kind. {@code statusCode} is 0 when no response arrived; {@code responseBody} is
   * already truncated by the provider (4 KB).
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
