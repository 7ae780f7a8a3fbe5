package io.hookstream.topic;

import java.time.Instant;
import java.util.Objects;

/**
 * A destination subscribed to a topic. {@code filterRulesJson} is the canonical JSON array of rules
 * ({@code []}: every event matches); {@code transformExpression} is JSONata or null. An inactive
 * subscription receives nothing until it is activated again.
 */
public record Subscription(
    String id,
    String topicId,
    String destinationId,
    String filterRulesJson,
    String transformExpression,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topicId, "topicId");
  }
}
