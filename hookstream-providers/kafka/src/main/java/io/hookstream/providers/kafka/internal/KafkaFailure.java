package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.ThrottlingQuotaExceededException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How a Kafka delivery failed, sorted for the retry policy: network errors, timeouts, throttling
 * and 5xx retry; bad credentials, a missing topic, an invalid topic name and a record too large do
 * not. The message is the error's own short text: the producer and the REST Proxy never echo the
 * credentials.
 *
 * @param kind why it failed
 * @param retryable whether a later attempt could succeed
 * @param statusCode the HTTP status (REST Proxy), 0 when no response arrived or for the producer
 * @param error the message for the delivery log
 * @param retryAfter the REST Proxy's {@code Retry-After}, or null
 */
public record KafkaFailure(
    FailureKind kind, boolean retryable, int statusCode, String error, Duration retryAfter) {

  private static final int MAX_MESSAGE = 200;

  KafkaFailure(FailureKind kind, boolean retryable, String error) {
    this(kind, retryable, 0, error, null);
  }

  /** Classifies what the producer threw, knowing whether any broker ever answered it. */
  static KafkaFailure ofProducer(Throwable t, boolean brokerAnswered) {
    String message = name(t) + ": " + shorten(t.getMessage());
    if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
      return new KafkaFailure(FailureKind.TOO_LARGE, false, message);
    }
    if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
      return new KafkaFailure(FailureKind.AUTH, false, message);
    }
    if (t instanceof UnknownTopicOrPartitionException) {
      return new KafkaFailure(FailureKind.NOT_FOUND, false, message);
    }
    if (t instanceof InvalidTopicException || t instanceof ConfigException) {
      return new KafkaFailure(FailureKind.REJECTED, false, message);
    }
    if (t instanceof ThrottlingQuotaExceededException) {
      return new KafkaFailure(FailureKind.THROTTLED, true, message);
    }
    if (t instanceof TimeoutException) {
      // With auto-creation off, a missing topic shows only as metadata that never names it.
      boolean noTopic =
          t.getMessage() != null && t.getMessage().contains("not present in metadata");
      if (noTopic && brokerAnswered) {
        return new KafkaFailure(
            FailureKind.NOT_FOUND,
            false,
            "the topic does not exist on the cluster (" + message + ")");
      }
      return brokerAnswered
          ? new KafkaFailure(FailureKind.TIMEOUT, true, message)
          : new KafkaFailure(
              FailureKind.TIMEOUT, true, "no broker answered at the bootstrap servers: " + message);
    }
    if (t instanceof RetriableException) {
      return new KafkaFailure(FailureKind.NETWORK, true, message);
    }
    if (t instanceof InterruptedException) {
      return new KafkaFailure(FailureKind.NETWORK, true, "interrupted");
    }
    // Fatal producer states (fenced, out-of-order sequence) and unexpected errors.
    return new KafkaFailure(FailureKind.NETWORK, true, message);
  }

  /**
   * Classifies a REST Proxy answer: its HTTP status and the v3 error body's {@code error_code}
   * (five digits whose first three are an HTTP status, 40403 for a missing topic) and message.
   */
  static KafkaFailure ofRest(int status, int errorCode, String message, Duration retryAfter) {
    int effective = errorCode >= 10_000 ? errorCode / 100 : status;
    String error =
        "HTTP "
            + status
            + (errorCode > 0 ? " (error_code " + errorCode + ")" : "")
            + ": "
            + shorten(message);
    FailureKind kind;
    boolean retryable;
    if (effective == 429) {
      kind = FailureKind.THROTTLED;
      retryable = true;
    } else if (effective == 401 || effective == 403) {
      kind = FailureKind.AUTH;
      retryable = false;
    } else if (effective == 404) {
      kind = FailureKind.NOT_FOUND;
      retryable = false;
    } else if (effective == 413) {
      kind = FailureKind.TOO_LARGE;
      retryable = false;
    } else if (effective == 408) {
      kind = FailureKind.TIMEOUT;
      retryable = true;
    } else if (effective >= 500) {
      kind = FailureKind.HTTP_5XX;
      retryable = true;
    } else {
      kind = FailureKind.HTTP_4XX;
      retryable = false;
    }
    return new KafkaFailure(kind, retryable, status, error, retryAfter);
  }

  private static String name(Throwable t) {
    return t.getClass().getSimpleName();
  }

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
