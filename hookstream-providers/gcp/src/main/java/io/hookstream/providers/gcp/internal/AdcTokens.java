package io.hookstream.providers.gcp.internal;

import com.google.auth.Retryable;
import com.google.auth.oauth2.GoogleCredentials;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.IOException;
import java.util.List;

/**
 * Access tokens from Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, the
 * gcloud login, or the metadata server), scoped to Pub/Sub. The library caches and refreshes them
 * on its own clock; a 401 forces one refresh. Loaded only when google-auth-library is present.
 */
final class AdcTokens {

  static final String PUBSUB_SCOPE = "https://www.googleapis.com/auth/pubsub";

  private GoogleCredentials credentials;
  private boolean stale;

  /** A valid access token; a {@link PubSubException} when none can be had. */
  synchronized String token() {
    if (credentials == null) {
      try {
        credentials = GoogleCredentials.getApplicationDefault().createScoped(List.of(PUBSUB_SCOPE));
      } catch (IOException | RuntimeException e) {
        throw new PubSubException(failure(FailureKind.AUTH, false, e));
      }
    }
    try {
      if (stale) {
        credentials.refresh();
        stale = false;
      } else {
        credentials.refreshIfExpired();
      }
      return credentials.getAccessToken().getTokenValue();
    } catch (IOException | RuntimeException e) {
      // A refused grant says whether a retry can help; anything else is the network's fault.
      boolean retryable = !(e instanceof Retryable r) || r.isRetryable();
      throw new PubSubException(
          failure(retryable ? FailureKind.NETWORK : FailureKind.AUTH, retryable, e));
    }
  }

  /** The next {@link #token()} fetches a new one: the last was refused. */
  synchronized void forget() {
    stale = true;
  }

  private static PubSubFailure failure(FailureKind kind, boolean retryable, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return PubSubFailure.before(
        kind, retryable, "application default credentials: " + PubSubFailure.scrub(message));
  }
}
