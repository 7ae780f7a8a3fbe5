package io.hookstream.providers.kafka;

import io.hookstream.providers.kafka.internal.KafkaConfig;
import io.hookstream.providers.kafka.internal.KafkaDelivery;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.SecretMasking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kafka} destination type; get it from {@link KafkaProviders}. Each destination gets its
 * own producer (or REST Proxy HTTP client), kept until the destination is updated or deleted or
 * this provider closes. {@code api_key} and {@code api_secret} are masked to their last 4
 * characters, so the engine encrypts them at rest. Safe for concurrent use; {@link #deliver} never
 * throws.
 */
public final class KafkaDestinationProvider implements DestinationProvider, AutoCloseable {

  private final KafkaDelivery delivery;

  KafkaDestinationProvider(KafkaDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public String type() {
    return KafkaDelivery.TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return delivery.validate(config == null ? Map.of() : config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config == null ? Map.of() : config);
    for (String field : List.of(KafkaConfig.API_KEY, KafkaConfig.API_SECRET)) {
      Object value = masked.get(field);
      if (value != null) {
        masked.put(field, value instanceof String s ? SecretMasking.mask(s) : SecretMasking.MASK);
      }
    }
    return masked;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    return delivery.deliver(request);
  }

  /** Closes the destination's producer or client; the next delivery builds one from the config. */
  @Override
  public void destinationChanged(String destinationId) {
    delivery.forget(destinationId);
  }

  /** How many destination producers and clients are open (for monitoring and tests). */
  public int openClients() {
    return delivery.openClients();
  }

  /** Closes every producer and client; deliveries after it fail with a retryable failure. */
  @Override
  public void close() {
    delivery.close();
  }
}
