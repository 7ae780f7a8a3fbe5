package io.hookstream.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A node's pool that the test can take away, as if the node's process died: after {@link #kill()}
 * every new connection is refused with a connection error (SQLState 08001); the test terminates the
 * node's open sessions on the server itself.
 */
public final class KillableDataSource extends ForwardingDataSource {

  private volatile boolean killed;

  public KillableDataSource(DataSource delegate) {
    super(delegate);
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
}
