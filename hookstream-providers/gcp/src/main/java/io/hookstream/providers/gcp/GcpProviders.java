package io.hookstream.providers.gcp;

import io.hookstream.providers.gcp.internal.PubSubDelivery;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The Google Cloud destination types, to register with the engine builder: {@code
 * GcpProviders.all().forEach(builder::provider)}, or {@code
 * .provider(GcpProviders.builder().build().pubSub())}. A custom {@code endpoint} or key {@code
 * token_uri} on a loopback or private address is refused unless {@link
 * Builder#allowPrivateNetworks(boolean)} is set; cloud metadata addresses are refused always.
 */
public final class GcpProviders {

  /** The destination type served. */
  public static final String PUBSUB = PubSubDelivery.TYPE;

  private final AddressPolicy policy;
  private final Clock clock;

  private GcpProviders(Builder builder) {
    this.policy = new AddressPolicy(builder.allowPrivateNetworks);
    this.clock = builder.clock;
  }

  /** Every type with the defaults (private endpoints refused, the system clock). */
  public static List<PubSubDestinationProvider> all() {
    return builder().build().providers();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new {@code gcp_pubsub} provider. */
  public PubSubDestinationProvider pubSub() {
    return new PubSubDestinationProvider(new PubSubDelivery(policy, clock));
  }

  /** New providers of every type. */
  public List<PubSubDestinationProvider> providers() {
    return List.of(pubSub());
  }

  /** Options shared by the Google Cloud providers. */
  public static final class Builder {
    private boolean allowPrivateNetworks;
    private Clock clock = Clock.system();

    private Builder() {}

    /** Allows endpoints and token URIs on loopback and private addresses (emulator, tests). */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    /** The clock that decides when a cached access token is near expiry (the engine's clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public GcpProviders build() {
      return new GcpProviders(this);
    }
  }
}
