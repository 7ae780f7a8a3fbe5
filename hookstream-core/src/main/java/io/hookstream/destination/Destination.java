package io.hookstream.destination;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where events go, as the Java API returns it: the provider config as a map with its secrets
 * masked (read them with {@link DestinationService#revealConfig}), the retry policy and flow
 * control, and the delivery state. Immutable; the sealed secrets stay behind the service.
 */
public final class Destination {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String name;
  private final String slug;
  private final String description;
  private final String type;
  private final Map<String, Object> config;
  private final Map<String, Object> signingConfig;
  private final RetryPolicy retry;
  private final Delivery delivery;
  private final String disabledReason;
  private final long version;
  private final Instant createdAt;
  private final Instant updatedAt;

  private Destination(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.name = b.name;
    this.slug = b.slug;
    this.description = b.description;
    this.type = b.type;
    this.config = copy(b.config);
    this.signingConfig = copy(b.signingConfig);
    this.retry = b.retry;
    this.delivery = b.delivery;
    this.disabledReason = b.disabledReason;
    this.version = b.version;
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .orgId(orgId)
        .envId(envId)
        .name(name)
        .slug(slug)
        .description(description)
        .type(type)
        .config(config)
        .signingConfig(signingConfig)
        .retry(retry)
        .delivery(delivery)
        .disabledReason(disabledReason)
        .version(version)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String name() {
    return name;
  }

  public String slug() {
    return slug;
  }

  public String description() {
    return description;
  }

  /** The provider type ({@code http}, {@code websocket}, ...). */
  public String type() {
    return type;
  }

  /** The provider config, its secrets masked by the provider. */
  public Map<String, Object> config() {
    return config;
  }

  /** The outbound signing config, secrets masked; null when not signed. */
  public Map<String, Object> signingConfig() {
    return signingConfig;
  }

  public RetryPolicy retry() {
    return retry;
  }

  public Delivery delivery() {
    return delivery;
  }

  /** Why the destination is disabled, or null when it is enabled. */
  public String disabledReason() {
    return disabledReason;
  }

  /** The revision: 1 at creation, one more for every stored change. */
  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The organization and environment the destination belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** True unless disabled (by a user, or by the engine after a 410 Gone). */
  public boolean enabled() {
    return disabledReason == null;
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Destination other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(name, other.name)
        && Objects.equals(slug, other.slug)
        && Objects.equals(description, other.description)
        && Objects.equals(type, other.type)
        && Objects.equals(config, other.config)
        && Objects.equals(signingConfig, other.signingConfig)
        && Objects.equals(retry, other.retry)
        && Objects.equals(delivery, other.delivery)
        && Objects.equals(disabledReason, other.disabledReason)
        && version == other.version
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, name, slug, description, type, config, signingConfig,
        retry, delivery, disabledReason, version, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "Destination[id=" + id + "]";
  }

  private static <V> Map<String, V> copy(Map<String, V> values) {
    return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Retries: at most {@code maxAttempts} attempts, {@code backoff} over the intervals. */
  public record RetryPolicy(int maxAttempts, String backoff, List<Integer> intervalsSeconds) {
    public RetryPolicy {
      intervalsSeconds = List.copyOf(intervalsSeconds);
    }
  }

  /**
   * Flow control: at most {@code maxInFlight} concurrent deliveries; {@code ordered} means one
   * at a time in FIFO order; {@code rateLimitPerSecond} caps deliveries per second (null: none).
   */
  public record Delivery(int maxInFlight, boolean ordered, Double rateLimitPerSecond) {}

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String name;
    private String slug;
    private String description;
    private String type;
    private Map<String, Object> config;
    private Map<String, Object> signingConfig;
    private RetryPolicy retry;
    private Delivery delivery;
    private String disabledReason;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder envId(String envId) {
      this.envId = envId;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder slug(String slug) {
      this.slug = slug;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder config(Map<String, Object> config) {
      this.config = config;
      return this;
    }

    public Builder signingConfig(Map<String, Object> signingConfig) {
      this.signingConfig = signingConfig;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder delivery(Delivery delivery) {
      this.delivery = delivery;
      return this;
    }

    public Builder disabledReason(String disabledReason) {
      this.disabledReason = disabledReason;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** @throws NullPointerException naming the missing required value */
    public Destination build() {
      return new Destination(this);
    }
  }
}
