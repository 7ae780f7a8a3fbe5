package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;

/**
 * A classified delivery failure: its kind, whether a retry could succeed, the HTTP status (0 for
 * AMQP or when no answer arrived) and a short message that carries no credential.
 */
public record RabbitFailure(FailureKind kind, boolean retryable, int statusCode, String error) {

  private static final int MAX_MESSAGE = 200;

  static RabbitFailure permanent(FailureKind kind, int status, String error) {
    return new RabbitFailure(kind, false, status, shorten(error));
  }

  static RabbitFailure retryable(FailureKind kind, int status, String error) {
    return new RabbitFailure(kind, true, status, shorten(error));
  }

  /** The first line, at most 200 characters. */
  static String shorten(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    text = newline < 0 ? text : text.substring(0, newline);
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }
}
