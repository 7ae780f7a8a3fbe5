package io.hookstream.delivery.internal;

import io.hookstream.delivery.ErrorTypes;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;

/**
 * Classifies failed attempts: which error type they are, whether a retry could succeed, whether the
 * endpoint is gone. Whether to retry is the provider's verdict ({@link
 * DeliveryResult#retryable()}): only it knows its service's codes (an AWS throttle is a 400). A 410
 * Gone is never retried and disables the destination. Stateless.
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
        case THROTTLED -> ErrorTypes.THROTTLED;
        case AUTH -> ErrorTypes.AUTH_FAILED;
        case NOT_FOUND -> ErrorTypes.NOT_FOUND;
        case TOO_LARGE -> ErrorTypes.TOO_LARGE;
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
    return !gone(result) && result.retryable();
  }

  /** Whether {@code Retry-After} applies: on 429, 503 and a throttle only. */
  public static boolean honoursRetryAfter(DeliveryResult result) {
    return result.statusCode() == 429
        || result.statusCode() == 503
        || result.failureKind() == FailureKind.THROTTLED;
  }
}
