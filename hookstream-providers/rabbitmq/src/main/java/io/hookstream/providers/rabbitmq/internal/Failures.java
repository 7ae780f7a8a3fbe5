package io.hookstream.providers.rabbitmq.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts what a publish threw into a {@link RabbitFailure}: the broker's AMQP reply code when it
 * closed the channel or connection (403 and 530 credentials or permissions, 404 a missing exchange
 * or vhost), timeouts, and network errors (retried). Stateless.
 */
final class Failures {

  private Failures() {}

  static RabbitFailure of(Throwable t) {
    if (t instanceof PublishFailedException e) {
      return e.failure();
    }
    PossibleAuthenticationFailureException auth =
        find(t, PossibleAuthenticationFailureException.class);
    if (auth != null) {
      return RabbitFailure.permanent(
          FailureKind.AUTH, 0, "login refused: wrong username or password");
    }
    ShutdownSignalException closed = find(t, ShutdownSignalException.class);
    if (closed != null && closed.getReason() != null) {
      return ofClose(closed.getReason());
    }
    if (find(t, TimeoutException.class) != null
        || find(t, HttpTimeoutException.class) != null
        || find(t, InterruptedIOException.class) != null) {
      return RabbitFailure.retryable(FailureKind.TIMEOUT, 0, "timed out: " + message(t));
    }
    return RabbitFailure.retryable(FailureKind.NETWORK, 0, "network failure: " + message(t));
  }

  private static RabbitFailure ofClose(Method reason) {
    int code;
    String text;
    if (reason instanceof AMQP.Channel.Close c) {
      code = c.getReplyCode();
      text = c.getReplyText();
    } else if (reason instanceof AMQP.Connection.Close c) {
      code = c.getReplyCode();
      text = c.getReplyText();
    } else {
      return RabbitFailure.retryable(
          FailureKind.NETWORK, 0, "closed: " + reason.protocolMethodName());
    }
    String error = code + " " + text;
    return switch (code) {
      case AMQP.NOT_FOUND -> RabbitFailure.permanent(FailureKind.NOT_FOUND, 0, error);
      case AMQP.ACCESS_REFUSED -> RabbitFailure.permanent(FailureKind.AUTH, 0, error);
      case AMQP.NOT_ALLOWED ->
          RabbitFailure.permanent(
              text.contains("not found") ? FailureKind.NOT_FOUND : FailureKind.AUTH, 0, error);
      case AMQP.PRECONDITION_FAILED ->
          RabbitFailure.permanent(
              text.contains("message size") ? FailureKind.TOO_LARGE : FailureKind.HTTP_4XX,
              0,
              error);
      case AMQP.CONNECTION_FORCED, AMQP.INTERNAL_ERROR, AMQP.RESOURCE_ERROR ->
          RabbitFailure.retryable(FailureKind.NETWORK, 0, error);
      default -> RabbitFailure.retryable(FailureKind.NETWORK, 0, error);
    };
  }

  private static String message(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return c.getMessage();
      }
    }
    return t.getClass().getSimpleName();
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
