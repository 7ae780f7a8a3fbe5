package io.hookstream.providers.rabbitmq;

import io.hookstream.providers.rabbitmq.internal.RabbitDelivery;
import io.hookstream.spi.AddressPolicy;
import java.util.List;

/**
 * The {@code rabbitmq} destination type, to register with the engine builder: {@code
 * builder.provider(RabbitMqProviders.builder().build().rabbitmq())}. A broker URL on a loopback or
 * private address is refused unless {@link Builder#allowPrivateNetworks(boolean)} is set; cloud
 * metadata addresses are refused always.
 */
public final class RabbitMqProviders {

  /** The destination type served. */
  public static final String RABBITMQ = RabbitDelivery.TYPE;

  private final AddressPolicy policy;

  private RabbitMqProviders(Builder builder) {
    this.policy = new AddressPolicy(builder.allowPrivateNetworks);
  }

  /** The type with the defaults (private brokers refused). */
  public static List<RabbitMqDestinationProvider> all() {
    return builder().build().providers();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new {@code rabbitmq} provider. */
  public RabbitMqDestinationProvider rabbitmq() {
    return new RabbitMqDestinationProvider(new RabbitDelivery(policy));
  }

  /** New providers of every type of this family (one). */
  public List<RabbitMqDestinationProvider> providers() {
    return List.of(rabbitmq());
  }

  /** Options of the rabbitmq provider. */
  public static final class Builder {
    private boolean allowPrivateNetworks;

    private Builder() {}

    /** Allows brokers on loopback and private addresses (a broker on the same host, tests). */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    public RabbitMqProviders build() {
      return new RabbitMqProviders(this);
    }
  }
}
