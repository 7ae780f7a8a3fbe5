package io.hookstream.providers.http.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * How one attempt ended: success, or a failure kind with whether a retry could succeed and a
 * message for the delivery log. Built from a response status or from the exception that ended the
 * call.
 *
 * @param success whether the receiver accepted the event
 * @param kind why it failed, or null on success
 * @param retryable whether a later attempt could succeed
 * @param error a message for people, or null on success
 */
public record Classification(boolean success, FailureKind kind, boolean retryable, String error) {

  /** Classifies a response status; {@code location} is the redirect target, if any. */
  public static Classification ofStatus(int status, String location) {
    if (status >= 200 && status < 300) {
      return new Classification(true, null, false, null);
    }
    if (status == 410) {
      return failure(
          FailureKind.ENDPOINT_GONE, false, "HTTP 410 Gone: the endpoint no longer exists");
    }
    if (status >= 500) {
      return failure(FailureKind.HTTP_5XX, true, "HTTP " + status + " from the receiver");
    }
    if (status >= 300 && status < 400) {
      String target = location == null ? "" : " to " + location;
      return failure(
          FailureKind.HTTP_4XX,
          false,
          "HTTP "
              + status
              + " redirect"
              + target
              + " not followed: hookstream never follows redirects; point the destination at the"
              + " final URL");
    }
    boolean retryable = status == 408 || status == 409 || status == 425 || status == 429;
    return failure(FailureKind.HTTP_4XX, retryable, "HTTP " + status + " from the receiver");
  }

  /** Classifies the exception that ended a call before a response arrived. */
  public static Classification ofException(IOException e, String url) {
    if (e instanceof BlockedAddressException) {
      return failure(FailureKind.REJECTED, false, e.getMessage());
    }
    if (e instanceof UnknownHostException) {
      return failure(
          FailureKind.NETWORK, true, "DNS lookup failed for " + url + ": " + e.getMessage());
    }
    if (e instanceof InterruptedIOException) {
      if (Thread.currentThread().isInterrupted()) {
        return failure(FailureKind.NETWORK, true, "delivery to " + url + " interrupted");
      }
      return failure(
          FailureKind.TIMEOUT, true, "timed out delivering to " + url + ": " + e.getMessage());
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return failure(FailureKind.NETWORK, true, "cannot connect to " + url + ": " + e.getMessage());
    }
    if (e instanceof SSLException) {
      return failure(FailureKind.NETWORK, true, "TLS failure with " + url + ": " + e.getMessage());
    }
    return failure(
        FailureKind.NETWORK, true, "network failure delivering to " + url + ": " + describe(e));
  }

  public static Classification failure(FailureKind kind, boolean retryable, String error) {
    return new Classification(false, kind, retryable, error);
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
