package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.ApiKeyRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** API keys in SQL, looked up by the unique hash. Thread-safe. */
public final class JdbcApiKeyRepository implements ApiKeyRepository {

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;

  public JdbcApiKeyRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.apiKeys();
    this.columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "key_hash",
            "key_prefix",
            "scopes:json",
            "created_at",
            "last_used_at",
            "request_count",
            "revoked_at");
  }

  @Override
  public void insert(ApiKeyRecord k) {
    jdbc.updateOrConflict(
        "api key exists: " + k.id(),
        columns.insert(table),
        k.id(),
        k.orgId(),
        k.envId(),
        k.name(),
        k.keyHash(),
        k.keyPrefix(),
        JsonCodec.writeStrings(k.scopes()),
        k.createdAt(),
        k.lastUsedAt(),
        k.requestCount(),
        k.revokedAt());
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String keyHash) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE key_hash = ?", JdbcApiKeyRepository::map, keyHash);
  }

  @Override
  public Optional<ApiKeyRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE id = ? AND org_id = ? AND env_id = ?",
        JdbcApiKeyRepository::map,
        id,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public Page<ApiKeyRecord> list(Scope scope, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .page(jdbc, page, JdbcApiKeyRepository::map, ApiKeyRecord::id);
  }

  @Override
  public boolean revoke(Scope scope, String id, Instant at) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET revoked_at = ? WHERE id = ? AND org_id = ?"
                + " AND env_id = ? AND revoked_at IS NULL",
            at,
            id,
            scope.orgId(),
            scope.envId())
        == 1;
  }

  @Override
  public void recordUse(String id, Instant at) {
    jdbc.update(
        "UPDATE "
            + table
            + " SET last_used_at = ?, request_count = request_count + 1"
            + " WHERE id = ?",
        at,
        id);
  }

  private static ApiKeyRecord map(ResultSet rs) throws SQLException {
    return new ApiKeyRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("key_hash"),
        rs.getString("key_prefix"),
        JsonCodec.readStrings(rs.getString("scopes")),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "last_used_at"),
        rs.getLong("request_count"),
        Jdbc.instant(rs, "revoked_at"));
  }
}
