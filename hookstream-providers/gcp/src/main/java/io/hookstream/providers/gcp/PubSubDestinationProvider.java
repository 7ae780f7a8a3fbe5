package io.hookstream.providers.gcp;

import io.hookstream.providers.gcp.internal.PubSubDelivery;
import io.hookstream.providers.gcp.internal.ServiceAccountKey;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.SecretMasking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gcp_pubsub} destination type; get it from {@link GcpProviders}. Each destination gets
 * its own HTTP client and cached access token, kept until the destination is updated or deleted or
 * this provider closes. The whole {@code service_account_json} is masked on read (not its last 4
 * characters: the key file's tail is key material), so the engine encrypts it at rest. Safe for
 * concurrent use; {@link #deliver} never throws.
 */
public final class PubSubDestinationProvider implements DestinationProvider, AutoCloseable {

  private final PubSubDelivery delivery;

  PubSubDestinationProvider(PubSubDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public String type() {
    return PubSubDelivery.TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return delivery.validate(config == null ? Map.of() : config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config == null ? Map.of() : config);
    if (masked.get(ServiceAccountKey.FIELD) != null) {
      masked.put(ServiceAccountKey.FIELD, SecretMasking.MASK);
    }
    return masked;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    return delivery.deliver(request);
  }

  /** Closes the destination's client; the next delivery builds one from the new config. */
  @Override
  public void destinationChanged(String destinationId) {
    delivery.forget(destinationId);
  }

  /** How many destination clients are open (for monitoring and tests). */
  public int openClients() {
    return delivery.openClients();
  }

  /** Closes every client; deliveries after it fail with a retryable network failure. */
  @Override
  public void close() {
    delivery.close();
  }
}
