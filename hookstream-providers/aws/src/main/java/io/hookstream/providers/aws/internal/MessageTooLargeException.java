package io.hookstream.providers.aws.internal;

/** Thrown before sending a message larger than the service accepts; never retried. */
public final class MessageTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MessageTooLargeException(String what, long size, long max) {
    super(what + " is " + size + " bytes; the service accepts at most " + max);
  }
}
