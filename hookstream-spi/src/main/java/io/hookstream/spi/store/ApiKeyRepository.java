package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Optional;

/** API keys, stored by hash. */
public interface ApiKeyRepository {

  void insert(ApiKeyRecord key);

  /** Across all tenants: the key whose SHA-256 hash is {@code keyHash}, revoked or not. */
  Optional<ApiKeyRecord> findByHash(String keyHash);

  Optional<ApiKeyRecord> find(Scope scope, String id);

  Page<ApiKeyRecord> list(Scope scope, PageRequest page);

  /** Marks the key revoked at {@code at}; false if unknown or already revoked. */
  boolean revoke(Scope scope, String id, Instant at);

  /** Counts one use at {@code at}. Best effort: may be batched or dropped under load. */
  void recordUse(String id, Instant at);
}
