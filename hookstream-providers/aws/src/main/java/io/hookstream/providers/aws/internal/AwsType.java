package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One AWS destination type: how its config reads, how its client is built, and how one delivery
 * is sent. Implementations are stateless.
 *
 * @param <C> the SDK client
 * @param <K> the parsed config
 */
public interface AwsType<C extends SdkAutoCloseable, K> {

  /** The destination type, as stored. */
  String type();

  ParsedConfig<K> parse(Map<String, Object> config, AddressPolicy policy);

  /** The shared AWS settings of a parsed config. */
  AwsSettings settings(K config);

  C client(AwsSettings settings, Duration timeout);

  /** Sends one delivery; throws what the SDK throws, or {@link MessageTooLargeException}. */
  Sent send(C client, K config, DeliveryRequest request);
}
