package io.hookstream.destination;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where events go, as the Java API returns it: the provider config as a map with its secrets masked
 * (read them with {@link DestinationService#revealConfig}), the retry policy and flow control, and
 * the delivery state. Immutable; the sealed secrets stay behind the service.
 *
 * @param type The provider type ({@code http}, {@code websocket}, ...).
 * @param config The provider config, its secrets masked by the provider.
 * @param signingConfig The outbound signing config, secrets masked; null when not signed.
 * @param disabledReason Why the destination is disabled, or null when it is enabled.
 * @param version The revision: 1 at creation, one more for every stored change.
 */
public record Destination(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String description,
    String type,
    Map<String, Object> config,
    Map<String, Object> signingConfig,
    RetryPolicy retry,
    Delivery delivery,
    String disabledReason,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Destination {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    config = copy(config);
    signingConfig = copy(signingConfig);
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

  /** The organization and environment the destination belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** True unless disabled (by a user, or by the engine after a 410 Gone). */
  public boolean enabled() {
    return disabledReason == null;
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
   * Flow control: at most {@code maxInFlight} concurrent deliveries; {@code ordered} means one at a
   * time in FIFO order; {@code rateLimitPerSecond} caps deliveries per second (null: none).
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

    /**
     * @throws NullPointerException naming the missing required value
     */
    public Destination build() {
      return new Destination(
          id,
          orgId,
          envId,
          name,
          slug,
          description,
          type,
          config,
          signingConfig,
          retry,
          delivery,
          disabledReason,
          version,
          createdAt,
          updatedAt);
    }
  }
}
