package io.hookstream.store.jdbc;

import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.store.jdbc.internal.Dialect;
import io.hookstream.store.jdbc.internal.Jdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlobStore} in the {@code <prefix>blobs} table ({@code bytea} on PostgreSQL, {@code BLOB}
 * on H2). A put is one upsert, durable when the database commits it. Suited to bodies of a few MB;
 * for large archives prefer {@code FileSystemBlobStore} (hookstream-store-memory). Thread-safe.
 * Built by {@link JdbcStores}.
 */
public final class JdbcBlobStore implements BlobStore {

  private final Jdbc jdbc;
  private final Clock clock;
  private final String table;
  private final String upsert;

  JdbcBlobStore(Jdbc jdbc, Dialect dialect, String table, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.table = table;
    this.upsert = dialect.upsert(table, "k", List.of("k", "data", "size", "updated_at"));
  }

  @Override
  public void put(String key, byte[] data) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    jdbc.update(upsert, key, data, (long) data.length, clock.now());
  }

  @Override
  public Optional<byte[]> get(String key) {
    return jdbc.queryOne(
        "SELECT data FROM " + table + " WHERE k = ?", rs -> rs.getBytes("data"), key);
  }

  @Override
  public boolean delete(String key) {
    return jdbc.update("DELETE FROM " + table + " WHERE k = ?", key) == 1;
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys =
        new ArrayList<>(
            jdbc.query(
                "SELECT k FROM " + table + " WHERE k LIKE ? ESCAPE '\\' ORDER BY k",
                rs -> rs.getString("k"),
                Jdbc.likePrefix(prefix)));
    keys.sort(null); // Java's order, whatever the database collation
    return keys;
  }
}
