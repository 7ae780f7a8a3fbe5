package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key: only the SHA-256 hash of the key ({@code keyHash}, lower-case hex) and its
 * displayable prefix are kept, never the key. {@code scopes} is null for full access.
 */
public record ApiKeyRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String keyHash,
    String keyPrefix,
    List<String> scopes,
    Instant createdAt,
    Instant lastUsedAt,
    long requestCount,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
