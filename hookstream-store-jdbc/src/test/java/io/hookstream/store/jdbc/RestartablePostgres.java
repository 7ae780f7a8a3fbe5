package io.hookstream.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL server of its own that a test can stop and start again on the same data
 * directory and port, with a database {@code hookstream} and HikariCP pools on it (HikariCP drops
 * connections that died with the server, so the pool works again after a restart).
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  public RestartablePostgres(Path dataDirectory) throws IOException, SQLException {
    this.dataDirectory = dataDirectory;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE hookstream");
    }
  }

  /** Starts the server on the existing data directory and port. */
  public synchronized void start() throws IOException {
    server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  /** Stops the server (a fast shutdown: open sessions are terminated). */
  public synchronized void stop() throws IOException {
    server.close();
  }

  /** The JDBC URL of database {@code hookstream} (user {@code postgres}, no password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/hookstream";
  }

  /** A new pool on database {@code hookstream}. */
  public HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl());
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(500);
    config.setValidationTimeout(250);
    return new HikariDataSource(config);
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
  }
}
