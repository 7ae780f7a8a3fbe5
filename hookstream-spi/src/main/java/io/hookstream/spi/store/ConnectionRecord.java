package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A route from a source to a destination. {@code filterRulesJson} is a JSON array of rules ({@code
 * [{"field":...,"op":...,"value":...}]}, empty array for none); the transform is a JSONata
 * expression applied when {@code transformEnabled}. {@code orderingKey} is a field path in the
 * filter syntax (such as {@code payload.customer_id}) whose value orders the connection's
 * deliveries per key, or null for none.
 */
public record ConnectionRecord(
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
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
