package io.hookstream.examples.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The store the server runs on: H2 files under the data directory (default), the database of a JDBC
 * URL, or memory. Owns the connection pool; {@link #close()} releases it.
 */
final class Stores implements AutoCloseable {

  /** Connections per server: enough for the API, ingest and the delivery threads. */
  static final int POOL_SIZE = 16;

  final Store store;
  final KeyValueStore keyValueStore;
  final BlobStore blobStore;

  /** For the startup line, such as "H2 file ./hookstream-data/hookstream". */
  final String description;

  private final HikariDataSource pool;

  private Stores(
      Store store, KeyValueStore kv, BlobStore blobs, String description, HikariDataSource pool) {
    this.store = store;
    this.keyValueStore = kv;
    this.blobStore = blobs;
    this.description = description;
    this.pool = pool;
  }

  static Stores open(ServerOptions options, Clock clock) throws IOException {
    if (options.inMemory()) {
      return new Stores(
          new InMemoryStore(),
          new InMemoryKeyValueStore(clock),
          new InMemoryBlobStore(),
          "IN MEMORY (everything is lost on exit)",
          null);
    }
    String url = options.jdbcUrl();
    String description;
    if (url == null) {
      Path dir = options.dataDir().toAbsolutePath().normalize();
      Files.createDirectories(dir);
      url = "jdbc:h2:file:" + dir.resolve("hookstream") + ";WRITE_DELAY=0";
      description = "H2 file " + dir.resolve("hookstream.mv.db");
    } else {
      description =
          url.startsWith("jdbc:postgresql:") ? "PostgreSQL " + redact(url) : "H2 " + redact(url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.startsWith("jdbc:h2:") ? closedByServer(url) : url);
    config.setPoolName("hookstream");
    config.setMaximumPoolSize(POOL_SIZE);
    String user = System.getenv("HOOKSTREAM_DB_USER");
    if (user != null) {
      config.setUsername(user);
      config.setPassword(System.getenv("HOOKSTREAM_DB_PASSWORD"));
    }
    HikariDataSource pool = new HikariDataSource(config);
    try {
      JdbcStores stores = JdbcStores.builder(pool).clock(clock).build();
      return new Stores(
          stores.store(), stores.keyValueStore(), stores.blobStore(), description, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * H2 closes its databases in a JVM shutdown hook of its own, which races the server's: the
   * scheduler would still be settling deliveries on a closed database. The server closes it.
   */
  static String closedByServer(String h2Url) {
    return h2Url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")
        ? h2Url
        : h2Url + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** The URL without its query (which may carry a password). */
  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
