package io.hookstream.providers.rabbitmq.internal;

import java.time.Duration;

/** Publishes to one destination's broker over one long-lived client; closed when forgotten. */
interface Publisher extends AutoCloseable {

  /**
   * Publishes {@code message}, waiting at most {@code timeout} for the broker to take it. Throws
   * {@link PublishFailedException} when the broker refused it, or what the client threw.
   */
  Published publish(RabbitMessage message, Duration timeout) throws Exception;

  @Override
  void close();
}
