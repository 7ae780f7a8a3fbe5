package io.hookstream.connection;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * A route from a source to a destination, with optional filter rules and a transform, as the
 * Java API returns it. Immutable; the store's version and deletion mark stay behind the service.
 */
public final class Connection {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String name;
  private final String sourceId;
  private final String destinationId;
  private final String filterRulesJson;
  private final String transformExpression;
  private final boolean transformEnabled;
  private final boolean enabled;
  private final Instant createdAt;
  private final Instant updatedAt;

  private Connection(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.name = b.name;
    this.sourceId = b.sourceId;
    this.destinationId = b.destinationId;
    this.filterRulesJson = b.filterRulesJson;
    this.transformExpression = b.transformExpression;
    this.transformEnabled = b.transformEnabled;
    this.enabled = b.enabled;
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
        .sourceId(sourceId)
        .destinationId(destinationId)
        .filterRulesJson(filterRulesJson)
        .transformExpression(transformExpression)
        .transformEnabled(transformEnabled)
        .enabled(enabled)
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

  public String sourceId() {
    return sourceId;
  }

  public String destinationId() {
    return destinationId;
  }

  /** The filter rules as canonical JSON (an array), or null when every event passes. */
  public String filterRulesJson() {
    return filterRulesJson;
  }

  /** The JSONata transform, or null. */
  public String transformExpression() {
    return transformExpression;
  }

  public boolean transformEnabled() {
    return transformEnabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The organization and environment the connection belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Connection other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(name, other.name)
        && Objects.equals(sourceId, other.sourceId)
        && Objects.equals(destinationId, other.destinationId)
        && Objects.equals(filterRulesJson, other.filterRulesJson)
        && Objects.equals(transformExpression, other.transformExpression)
        && transformEnabled == other.transformEnabled
        && enabled == other.enabled
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, name, sourceId, destinationId, filterRulesJson,
        transformExpression, transformEnabled, enabled, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "Connection[id=" + id
        + ", sourceId=" + sourceId
        + ", destinationId=" + destinationId + "]";
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

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** @throws NullPointerException naming the missing required value */
    public Connection build() {
      return new Connection(this);
    }
  }
}
