package io.hookstream.providers.aws;

import io.hookstream.providers.aws.internal.AwsDelivery;
import io.hookstream.providers.aws.internal.AwsMasking;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One AWS destination type ({@code aws_sqs}, {@code aws_s3} or {@code aws_eventbridge}); get them
 * from {@link AwsProviders}. Each destination gets its own SDK client, kept until the destination
 * is updated or deleted or this provider closes. Credentials ({@code access_key_id}, {@code
 * secret_access_key}, {@code session_token}) are masked to their last 4 characters, so the engine
 * encrypts them at rest. Safe for concurrent use; {@link #deliver} never throws.
 */
public final class AwsDestinationProvider implements DestinationProvider, AutoCloseable {

  private final AwsDelivery<?, ?> delivery;

  AwsDestinationProvider(AwsDelivery<?, ?> delivery) {
    this.delivery = delivery;
  }

  @Override
  public String type() {
    return delivery.type();
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return delivery.validate(config == null ? Map.of() : config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return AwsMasking.mask(config);
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
