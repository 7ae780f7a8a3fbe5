package io.hookstream.connection;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * A route from a source to a destination, with optional filter rules and a transform, as the Java
 * API returns it. Immutable; the store's version and deletion mark stay behind the service.
 *
 * @param filterRulesJson The filter rules as canonical JSON (an array), or null when every event
 *     passes.
 * @param transformExpression The JSONata transform, or null.
 * @param orderingKey The field path whose value orders deliveries per key, or null.
 */
public record Connection(
    String id,
    String orgId,
    String envId,
    String name,
    String sourceId,
    String destinationId,
    String filterRulesJson,
    String transformExpression,
    boolean transformEnabled,
    boolean enabled,
    String orderingKey,
    Instant createdAt,
    Instant updatedAt) {

  public Connection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
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
        .sourceId(sourceId)
        .destinationId(destinationId)
        .filterRulesJson(filterRulesJson)
        .transformExpression(transformExpression)
        .transformEnabled(transformEnabled)
        .enabled(enabled)
        .orderingKey(orderingKey)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  /** The organization and environment the connection belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String name;
    private String sourceId;
    private String destinationId;
    private String filterRulesJson;
    private String transformExpression;
    private boolean transformEnabled;
    private boolean enabled;
    private String orderingKey;
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

    public Builder sourceId(String sourceId) {
      this.sourceId = sourceId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    public Builder filterRulesJson(String filterRulesJson) {
      this.filterRulesJson = filterRulesJson;
      return this;
    }

    public Builder transformExpression(String transformExpression) {
      this.transformExpression = transformExpression;
      return this;
    }

    public Builder transformEnabled(boolean transformEnabled) {
      this.transformEnabled = transformEnabled;
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder orderingKey(String orderingKey) {
      this.orderingKey = orderingKey;
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
    public Connection build() {
      return new Connection(
          id,
          orgId,
          envId,
          name,
          sourceId,
          destinationId,
          filterRulesJson,
          transformExpression,
          transformEnabled,
          enabled,
          orderingKey,
          createdAt,
          updatedAt);
    }
  }
}
