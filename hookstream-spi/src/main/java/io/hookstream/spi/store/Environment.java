package io.hookstream.spi.store;

import java.time.Instant;

/**
 * An isolated space inside an organization (production, staging). {@code retentionDays} is how long
 * its events are kept.
 */
public record Environment(
    String id, String orgId, String name, int retentionDays, Instant createdAt) {
  public Scope scope() {
    return new Scope(orgId, id);
  }
}
