package io.hookstream.providers.kafka.internal;

/** Thrown before sending a record larger than Kafka accepts; never retried. */
public final class MessageTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MessageTooLargeException(long size, long max) {
    super("the Kafka record is " + size + " bytes; Kafka accepts at most " + max + " by default");
  }
}
