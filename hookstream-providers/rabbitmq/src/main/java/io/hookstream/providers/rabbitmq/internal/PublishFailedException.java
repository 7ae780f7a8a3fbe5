package io.hookstream.providers.rabbitmq.internal;

/** The broker answered, but did not take the message: carries the classified failure. */
final class PublishFailedException extends RuntimeException {

  private final transient RabbitFailure failure;

  PublishFailedException(RabbitFailure failure) {
    super(failure.error(), null, false, false);
    this.failure = failure;
  }

  RabbitFailure failure() {
    return failure;
  }
}
