package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One AWS destination type: how its config reads, how its client is built, and how one delivery is
 * sent. Implementations are stateless.
 *
 * @param <C> the SDK client
 * @param <K> the parsed config
 */
public abstract class AwsType<C extends SdkAutoCloseable, K> {

  private final String type;
  private final BiFunction<Map<String, Object>, AddressPolicy, ParsedConfig<K>> parser;
  private final Function<K, AwsSettings> settings;
  private final BiFunction<AwsSettings, Duration, C> clients;

  protected AwsType(
      String type,
      BiFunction<Map<String, Object>, AddressPolicy, ParsedConfig<K>> parser,
      Function<K, AwsSettings> settings,
      BiFunction<AwsSettings, Duration, C> clients) {
    this.type = type;
    this.parser = parser;
    this.settings = settings;
    this.clients = clients;
  }

  /** The destination type, as stored. */
  public final String type() {
    return type;
  }

  public final ParsedConfig<K> parse(Map<String, Object> config, AddressPolicy policy) {
    return parser.apply(config, policy);
  }

  /** The shared AWS settings of a parsed config. */
  public final AwsSettings settings(K config) {
    return settings.apply(config);
  }

  public final C client(AwsSettings s, Duration timeout) {
    return clients.apply(s, timeout);
  }

  /** Sends one delivery; throws what the SDK throws, or {@link MessageTooLargeException}. */
  public abstract Sent send(C client, K config, DeliveryRequest request);
}
