package io.hookstream.benchmarks.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The databases of one benchmark run: an embedded PostgreSQL server started on first use (with its
 * default, durable settings: fsync and synchronous_commit on) and H2 databases in files under a
 * temporary directory. Each database comes behind a small connection pool, as a host would supply
 * it. {@link #close} stops the server and deletes the files. Thread-safe.
 */
public final class Databases implements AutoCloseable {

  /** Connections per pool. */
  public static final int POOL_SIZE = 32;

  private final AtomicInteger names = new AtomicInteger();
  private EmbeddedPostgres postgres;
  private Path h2Dir;

  /** A new empty database on the embedded PostgreSQL server. */
  public DataSource postgres() {
    return pool(postgresDatabase().jdbcUrl());
  }

  /** A new empty database on the embedded PostgreSQL server, by name and JDBC URL. */
  public synchronized PostgresDatabase postgresDatabase() {
    String name = "bench_" + names.incrementAndGet();
    try (Connection c = serverConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new PostgresDatabase(
        name, "jdbc:postgresql://localhost:" + server().getPort() + "/" + name + "?user=postgres");
  }

  /**
   * A new connection to the server's maintenance database ({@code postgres}): reading server-wide
   * statistics there adds no transaction to the database being measured.
   */
  public synchronized Connection serverConnection() throws SQLException {
    return server().getPostgresDatabase().getConnection();
  }

  /** A small pool of connections to {@code jdbcUrl}, as a host would supply it. */
  public static DataSource pool(String jdbcUrl) {
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setUrl(jdbcUrl);
    return pooled(JdbcConnectionPool.create(ds));
  }

  /** One database on the embedded server: its name and a JDBC URL that reaches it. */
  public record PostgresDatabase(String name, String jdbcUrl) {}

  private EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on") // zonky's builder turns it off
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  /** A new empty H2 database in files. */
  public synchronized DataSource h2File() {
    try {
      if (h2Dir == null) {
        h2Dir = Files.createTempDirectory("hookstream-bench-h2");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "jdbc:h2:file:" + h2Dir.resolve("db" + names.incrementAndGet()).toAbsolutePath();
    return pooled(JdbcConnectionPool.create(url, "sa", ""));
  }

  private static DataSource pooled(JdbcConnectionPool pool) {
    pool.setMaxConnections(POOL_SIZE);
    return pool;
  }

  @Override
  public synchronized void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
    if (h2Dir != null) {
      try (Stream<Path> files = Files.walk(h2Dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      h2Dir = null;
    }
  }
}
