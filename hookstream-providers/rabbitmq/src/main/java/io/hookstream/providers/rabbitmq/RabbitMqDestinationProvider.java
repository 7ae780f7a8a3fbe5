package io.hookstream.providers.rabbitmq;

import io.hookstream.providers.rabbitmq.internal.RabbitDelivery;
import io.hookstream.providers.rabbitmq.internal.RabbitMasking;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The {@code rabbitmq} destination type; get it from {@link RabbitMqProviders}. Each destination
 * gets its own publisher (an HTTP client, or an AMQP connection and confirm channel), kept until
 * the destination is updated or deleted or this provider closes. The {@code password} is masked to
 * its last 4 characters, so the engine encrypts it at rest. Safe for concurrent use; {@link
 * #deliver} never throws.
 */
public final class RabbitMqDestinationProvider implements DestinationProvider, AutoCloseable {

  private final RabbitDelivery delivery;

  RabbitMqDestinationProvider(RabbitDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public String type() {
    return RabbitDelivery.TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return delivery.validate(config == null ? Map.of() : config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return RabbitMasking.mask(config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    return delivery.deliver(request);
  }

  /** Closes the destination's publisher; the next delivery builds one from the new config. */
  @Override
  public void destinationChanged(String destinationId) {
    delivery.forget(destinationId);
  }

  /** How many destination publishers are open (for monitoring and tests). */
  public int openClients() {
    return delivery.openClients();
  }

  /** Closes every publisher; deliveries after it fail with a retryable network failure. */
  @Override
  public void close() {
    delivery.close();
  }
}
