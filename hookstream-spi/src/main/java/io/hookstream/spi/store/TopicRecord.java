package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A pub/sub topic: a named channel that the application publishes to and destinations subscribe to.
 * {@code slug} is unique per environment and names the topic in its publish URL. Deleting a topic
 * removes its row.
 */
public record TopicRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String description,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
