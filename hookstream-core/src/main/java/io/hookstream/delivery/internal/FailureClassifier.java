package io.hookstream.delivery.internal;

import io.hookstream.delivery.ErrorTypes;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;

/**
 * Classifies failed attempts: which error type they are, whether a retry could succeed, whether
 * the endpoint is gone. Network errors, timeouts, 5xx and 408/409/425/429 retry; other 4xx and
 * refusals do not; a 410 Gone disables the destination. Stateless.
 */
public final class FailureClassifier {

  private FailureClassifier() {}

  /** The error type of a failed result. */
  public static String errorType(DeliveryResult result) {
    if (gone(result)) {
      return ErrorTypes.ENDPOINT_GONE;
    }
    FailureKind kind = result.failureKind();
    if (kind != null) {
      return switch (kind) {
        case HTTP_4XX -> ErrorTypes.HTTP_4XX;
        case HTTP_5XX -> ErrorTypes.HTTP_5XX;
        case TIMEOUT -> ErrorTypes.TIMEOUT;
        case NETWORK -> ErrorTypes.NETWORK;
        case ENDPOINT_GONE -> ErrorTypes.ENDPOINT_GONE;
        case REJECTED -> ErrorTypes.REJECTED;
      };
    }
    int code = result.statusCode();
    if (code >= 500) {
      return ErrorTypes.HTTP_5XX;
    }
    return code >= 400 ? ErrorTypes.HTTP_4XX : ErrorTypes.NETWORK;
  }

  /** Whether the receiver said the endpoint is gone for good (410, or the provider said so). */
  public static boolean gone(DeliveryResult result) {
    return result.statusCode() == 410 || result.failureKind() == FailureKind.ENDPOINT_GONE;
  }

  /** Whether a retry of this failed result could succeed. */
  public static boolean retryable(DeliveryResult result) {
    if (gone(result)) {
      return false;
    }
    return switch (errorType(result)) {
      case ErrorTypes.HTTP_5XX, ErrorTypes.TIMEOUT, ErrorTypes.NETWORK -> true;
      case ErrorTypes.HTTP_4XX -> retryable4xx(result.statusCode());
      default -> false;
    };
  }

  /** Whether {@code Retry-After} applies: it is honoured on 429 and 503 only. */
  public static boolean honoursRetryAfter(DeliveryResult result) {
    return result.statusCode() == 429 || result.statusCode() == 503;
  }

  private static boolean retryable4xx(int code) {
    return code == 408 || code == 409 || code == 425 || code == 429;
  }
}
