package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * How an AWS call failed, sorted for the retry policy: throttling (AWS answers a 400 with an error
 * code) retries like a 429; 5xx, network errors and timeouts retry; bad credentials, a missing
 * queue, bucket or bus, a message too large and invalid input do not. The message keeps the AWS
 * error code and a short, scrubbed text: no account ids, ARNs, key ids or canonical requests.
 *
 * @param kind why it failed
 * @param retryable whether a later attempt could succeed
 * @param statusCode the HTTP status, 0 when no response arrived
 * @param error the message for the delivery log
 */
public record AwsFailure(FailureKind kind, boolean retryable, int statusCode, String error) {

  private static final int MAX_MESSAGE = 200;

  private static final Set<String> THROTTLING =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottledException",
          "RequestThrottled",
          "TooManyRequestsException",
          "ProvisionedThroughputExceededException",
          "SlowDown",
          "RequestLimitExceeded",
          "BandwidthLimitExceeded",
          "LimitExceededException",
          "TransactionInProgressException",
          "PriorRequestNotComplete",
          "AWS.SimpleQueueService.RequestThrottled",
          "KMS.ThrottlingException");
  private static final Set<String> AUTH =
      Set.of(
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "AccessDenied",
          "AccessDeniedException",
          "InvalidAccessKeyId",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidToken",
          "MissingAuthenticationToken",
          "IncompleteSignature",
          "AuthFailure",
          "InvalidSecurity",
          "NotAuthorized",
          "KMS.AccessDeniedException",
          "InvalidSignatureException");
  private static final Set<String> NOT_FOUND =
      Set.of(
          "QueueDoesNotExist",
          "AWS.SimpleQueueService.NonExistentQueue",
          "NoSuchBucket",
          "ResourceNotFoundException",
          "NotFound",
          "NoSuchKey");
  private static final Set<String> TOO_LARGE =
      Set.of(
          "EntityTooLarge",
          "RequestEntityTooLarge",
          "MessageTooLong",
          "KeyTooLongError",
          "MaxMessageSizeExceeded");
  private static final Set<String> TRANSIENT =
      Set.of(
          "InternalError",
          "InternalFailure",
          "ServiceUnavailable",
          "RequestTimeout",
          "RequestTimeoutException",
          "OperationAborted",
          "ServiceUnavailableException",
          "InternalServerError");

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\b\\d{12}\\b");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[^\\s\"'),]*");
  private static final Pattern KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{12,}\\b");

  /** Classifies what the SDK threw (or an {@link EntryFailedException}). */
  public static AwsFailure of(Throwable t) {
    if (t instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      return ofCode(e.statusCode(), code, message, e.isThrottlingException());
    }
    if (t instanceof MessageTooLargeException e) {
      return new AwsFailure(FailureKind.TOO_LARGE, false, 0, e.getMessage());
    }
    if (t instanceof EntryFailedException e) {
      return ofCode(200, e.code(), e.getMessage(), false);
    }
    if (t instanceof ApiCallTimeoutException
        || t instanceof ApiCallAttemptTimeoutException
        || causedBy(t, SocketTimeoutException.class)) {
      return new AwsFailure(FailureKind.TIMEOUT, true, 0, "timed out: " + scrub(t.getMessage()));
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (message.contains("Unable to load credentials")) {
      return new AwsFailure(
          FailureKind.AUTH,
          false,
          0,
          "no credentials: the config has no keys and the default credential chain found none");
    }
    if (causedBy(t, InterruptedIOException.class)) {
      return new AwsFailure(FailureKind.TIMEOUT, true, 0, "timed out: " + scrub(message));
    }
    return new AwsFailure(FailureKind.NETWORK, true, 0, "network failure: " + scrub(message));
  }

  /** Classifies an AWS error code with its HTTP status. */
  public static AwsFailure ofCode(int status, String code, String message, boolean throttling) {
    String error = (code == null ? "HTTP " + status : code) + ": " + scrub(message);
    if (throttling || status == 429 || THROTTLING.contains(code)) {
      return new AwsFailure(FailureKind.THROTTLED, true, status, error);
    }
    if (AUTH.contains(code) || status == 401 || status == 403) {
      return new AwsFailure(FailureKind.AUTH, false, status, error);
    }
    if (NOT_FOUND.contains(code) || (code == null && status == 404)) {
      return new AwsFailure(FailureKind.NOT_FOUND, false, status, error);
    }
    if (TOO_LARGE.contains(code) || status == 413) {
      return new AwsFailure(FailureKind.TOO_LARGE, false, status, error);
    }
    if (status >= 500) {
      return new AwsFailure(FailureKind.HTTP_5XX, true, status, error);
    }
    return new AwsFailure(FailureKind.HTTP_4XX, TRANSIENT.contains(code), status, error);
  }

  /**
   * A short message with nothing that identifies the account or signs a request: the first line
   * (some services append the canonical request and string-to-sign), ids and ARNs blanked.
   */
  static String scrub(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    text = newline < 0 ? text : text.substring(0, newline);
    for (String marker : new String[] {"The Canonical String", "The String-to-Sign"}) {
      int at = text.indexOf(marker);
      text = at < 0 ? text : text.substring(0, at).strip();
    }
    text = ARN.matcher(text).replaceAll("arn:…");
    text = KEY_ID.matcher(text).replaceAll("****");
    text = ACCOUNT_ID.matcher(text).replaceAll("************");
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
