package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A destination subscribed to a topic, with its own filter rules ({@code filterRulesJson}, a JSON
 * array, empty for none) and JSONata transform (null for none). Delivery tasks of a published event
 * carry the subscription's id where a connection's id would go.
 */
public record SubscriptionRecord(
    String id,
    String orgId,
    String envId,
    String topicId,
    String destinationId,
    String filterRulesJson,
    String transformExpression,
    boolean active,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
