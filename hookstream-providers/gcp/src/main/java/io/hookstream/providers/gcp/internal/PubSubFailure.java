package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;
import java.time.Duration;
import java.util.Map;

/**
 * How a token exchange or a publish failed, sorted for the retry policy: throttling, 5xx, timeouts
 * and network errors retry; refused credentials, a missing topic, a message too large and invalid
 * input do not. The message keeps Google's status and a short text, never a token or key.
 *
 * @param statusCode the HTTP status, 0 when no response arrived
 * @param retryAfter the server's {@code Retry-After}, or null
 */
public record PubSubFailure(
    FailureKind kind, boolean retryable, int statusCode, String error, Duration retryAfter) {

  private static final int MAX_MESSAGE = 200;

  public static PubSubFailure before(FailureKind kind, boolean retryable, String error) {
    return new PubSubFailure(kind, retryable, 0, error, null);
  }

  /** A publish answered with {@code status} and Google's error body. */
  public static PubSubFailure ofPublish(int status, String body, Duration retryAfter) {
    String error = googleError(status, body);
    return switch (status) {
      case 401, 403 -> new PubSubFailure(FailureKind.AUTH, false, status, error, null);
      case 404 -> new PubSubFailure(FailureKind.NOT_FOUND, false, status, error, null);
      case 413 -> new PubSubFailure(FailureKind.TOO_LARGE, false, status, error, null);
      default -> ofStatus(status, error, retryAfter);
    };
  }

  /** The token endpoint answered with {@code status}: a refused key is an AUTH failure. */
  public static PubSubFailure ofTokenExchange(int status, String body, Duration retryAfter) {
    Map<String, Object> json = JsonReader.object(body);
    String error =
        "token exchange: "
            + (json != null && json.get("error") instanceof String code
                ? code + ": " + scrub(String.valueOf(json.get("error_description")))
                : "HTTP " + status);
    if (status == 400 || status == 401 || status == 403) {
      return new PubSubFailure(FailureKind.AUTH, false, status, error, null);
    }
    return ofStatus(status, error, retryAfter);
  }

  private static PubSubFailure ofStatus(int status, String error, Duration retryAfter) {
    if (status == 429) {
      return new PubSubFailure(FailureKind.THROTTLED, true, status, error, retryAfter);
    }
    if (status == 408) {
      return new PubSubFailure(FailureKind.TIMEOUT, true, status, error, null);
    }
    if (status >= 500) {
      return new PubSubFailure(FailureKind.HTTP_5XX, true, status, error, retryAfter);
    }
    // 409 is ABORTED: a concurrency conflict that a later attempt gets past.
    return new PubSubFailure(FailureKind.HTTP_4XX, status == 409, status, error, null);
  }

  /** {@code STATUS: message} from Google's {@code {"error":{...}}} body, else {@code HTTP n}. */
  private static String googleError(int status, String body) {
    Map<String, Object> json = JsonReader.object(body);
    if (json != null && json.get("error") instanceof Map<?, ?> e) {
      Object code = e.get("status") != null ? e.get("status") : "HTTP " + status;
      return code + ": " + scrub(e.get("message") == null ? null : e.get("message").toString());
    }
    return "HTTP " + status;
  }

  /** The first line, at most {@value #MAX_MESSAGE} characters. */
  static String scrub(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    text = newline < 0 ? text : text.substring(0, newline);
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }
}
