package io.hookstream.providers.kafka;

import io.hookstream.providers.kafka.internal.KafkaDelivery;
import io.hookstream.spi.AddressPolicy;
import java.util.List;

/**
 * The {@code kafka} destination type, to register with the engine builder: {@code
 * KafkaProviders.all().forEach(builder::provider)}, or {@code
 * .provider(KafkaProviders.builder().build().kafka())}. Bootstrap servers and REST Proxy URLs on a
 * loopback or private address are refused unless {@link Builder#allowPrivateNetworks(boolean)} is
 * set; cloud metadata addresses are refused always.
 */
public final class KafkaProviders {

  /** The destination type served. */
  public static final String KAFKA = KafkaDelivery.TYPE;

  private final AddressPolicy policy;

  private KafkaProviders(Builder builder) {
    this.policy = new AddressPolicy(builder.allowPrivateNetworks);
  }

  /** The type with the defaults (private addresses refused). */
  public static List<KafkaDestinationProvider> all() {
    return List.of(builder().build().kafka());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new {@code kafka} provider. */
  public KafkaDestinationProvider kafka() {
    return new KafkaDestinationProvider(new KafkaDelivery(policy));
  }

  /** Options of the Kafka provider. */
  public static final class Builder {
    private boolean allowPrivateNetworks;

    private Builder() {}

    /**
     * Allows brokers and REST proxies on loopback and private addresses (local clusters, tests).
     */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    public KafkaProviders build() {
      return new KafkaProviders(this);
    }
  }
}
