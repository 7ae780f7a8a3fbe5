package io.hookstream.topic;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * A pub/sub topic as the Java API returns it. {@code publishUrl} is where {@code POST} publishes to
 * it over the REST API; {@code subscriptionCount} is counted when the topic is read.
 */
public record Topic(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String description,
    int subscriptionCount,
    String publishUrl,
    Instant createdAt,
    Instant updatedAt) {

  public Topic {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
  }

  /** The organization and environment the topic belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
