package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.ApiKeyRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API keys per scope with a hash index; the hash is unique. */
final class MemoryApiKeys implements ApiKeyRepository {

  private final ScopedTable<ApiKeyRecord> table =
      new ScopedTable<>("api key", ApiKeyRecord::id, ApiKeyRecord::scope, true);
  private final ConcurrentHashMap<String, String> idByHash = new ConcurrentHashMap<>();

  @Override
  public synchronized void insert(ApiKeyRecord key) {
    Objects.requireNonNull(key.keyHash(), "keyHash");
    if (idByHash.containsKey(key.keyHash())) {
      throw new HookstreamException(ErrorCode.CONFLICT, "api key hash already exists");
    }
    table.insert(key);
    idByHash.put(key.keyHash(), key.id());
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String keyHash) {
    String id = keyHash == null ? null : idByHash.get(keyHash);
    return id == null ? Optional.empty() : table.get(id);
  }

  @Override
  public Optional<ApiKeyRecord> find(Scope scope, String id) {
    return table.get(scope, id);
  }

  @Override
  public Page<ApiKeyRecord> list(Scope scope, PageRequest page) {
    return table.page(scope, page, k -> true);
  }

  @Override
  public boolean revoke(Scope scope, String id, Instant at) {
    Objects.requireNonNull(at, "at");
    return table
        .update(scope, id, k -> k.revoked() ? null : copy(k, k.lastUsedAt(), k.requestCount(), at))
        .isPresent();
  }

  @Override
  public void recordUse(String id, Instant at) {
    table
        .get(id)
        .ifPresent(
            key ->
                table.update(
                    key.scope(),
                    id,
                    k ->
                        copy(
                            k,
                            k.lastUsedAt() == null || at.isAfter(k.lastUsedAt())
                                ? at
                                : k.lastUsedAt(),
                            k.requestCount() + 1,
                            k.revokedAt())));
  }

  private static ApiKeyRecord copy(
      ApiKeyRecord k, Instant lastUsedAt, long count, Instant revoked) {
    return new ApiKeyRecord(
        k.id(),
        k.orgId(),
        k.envId(),
        k.name(),
        k.keyHash(),
        k.keyPrefix(),
        k.scopes(),
        k.createdAt(),
        lastUsedAt,
        count,
        revoked);
  }
}
