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
   * The outcome of one attempt. {@code statusCode} is 0 when no response arrived; {@code
   * responseBody} is already truncated by the provider (4 KB); {@code retryAfter} is the
   * receiver's {@code Retry-After}, or null.
   */
  record DeliveryResult(
      boolean success,
      int statusCode,
      long latencyMillis,
      Map<String, List<String>> requestHeaders,
      Map<String, List<String>> responseHeaders,
      String responseBody,
      String error,
      FailureKind failureKind,
      boolean retryable,
      Duration retryAfter) {
    public DeliveryResult {
      requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
      responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
    }
  }
}
