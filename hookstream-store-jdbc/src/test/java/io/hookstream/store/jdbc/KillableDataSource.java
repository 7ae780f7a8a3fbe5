package io.hookstream.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A node's pool that the test can take away, as if the node's process died: after {@link
 * #kill()} every new connection is refused with a connection error (SQLState 08001); the test
 * terminates the node's open sessions on the server itself.
 */
public final class KillableDataSource implements DataSource {

  private final DataSource delegate;
  private volatile boolean killed;

  public KillableDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  public void kill() {
    killed = true;
  }

  /** Hands out connections again. */
  public void revive() {
    killed = false;
  }

  private void check() throws SQLException {
    if (killed) {
      throw new SQLException("connection refused: this node was killed by the test", "08001");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    check();
    return delegate.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    check();
    return delegate.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
