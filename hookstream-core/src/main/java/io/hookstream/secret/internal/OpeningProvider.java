package io.hookstream.secret.internal;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A provider as the delivery scheduler sees it: each request's config is decrypted just before the
 * wrapped provider delivers it, so plaintext secrets exist only for the attempt.
 */
public final class OpeningProvider implements DestinationProvider {

  private final DestinationProvider provider;
  private final DestinationSecrets secrets;

  public OpeningProvider(DestinationProvider provider, DestinationSecrets secrets) {
    this.provider = provider;
    this.secrets = secrets;
  }

  @Override
  public String type() {
    return provider.type();
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return provider.validate(config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return provider.mask(config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest r) {
    return provider.deliver(r.toBuilder().config(secrets.openConfig(r.config())).build());
  }

  @Override
  public void destinationChanged(String destinationId) {
    provider.destinationChanged(destinationId);
  }
}
