package io.hookstream.providers.smtp.internal;

import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.DestinationProvider.FailureKind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.SocketTimeoutException;

/**
 * What a failed send means: refused credentials and refused recipients are not retried (they fail
 * the same way next time); an unreachable or slow server, or a temporary refusal, is. Stateless.
 */
public final class SmtpFailures {

  private SmtpFailures() {}

  public static Failed of(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return Failed.before(FailureKind.AUTH, "SMTP login refused: " + e.getMessage(), false);
    }
    if (e instanceof SendFailedException s
        && s.getInvalidAddresses() != null
        && s.getInvalidAddresses().length > 0) {
      return Failed.before(
          FailureKind.REJECTED, "SMTP refused recipients: " + e.getMessage(), false);
    }
    if (causedBy(e, SocketTimeoutException.class)) {
      return Failed.before(FailureKind.TIMEOUT, "SMTP server timed out: " + e.getMessage(), true);
    }
    return Failed.before(FailureKind.NETWORK, "SMTP send failed: " + e.getMessage(), true);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
