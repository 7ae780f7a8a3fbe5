package io.hookstream.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A DataSource that records every prepared statement the store executes with its bound parameters,
 * so a test can EXPLAIN exactly what the store ran.
 */
final class RecordingDataSource extends ForwardingDataSource {

  /** One executed statement: its SQL and the setter calls that bound its parameters. */
  record Executed(String sql, List<Binding> bindings) {
    /** Prepares {@code prefix + sql} on {@code c} with the same parameters. */
    PreparedStatement replay(Connection c, String prefix) throws SQLException {
      PreparedStatement ps = c.prepareStatement(prefix + sql);
      for (Binding b : bindings) {
        try {
          b.method().invoke(ps, b.args());
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new SQLException("cannot replay " + b.method().getName(), e);
        }
      }
      return ps;
    }
  }

  record Binding(Method method, Object[] args) {}

  private final List<Executed> executed = new CopyOnWriteArrayList<>();

  RecordingDataSource(DataSource target) {
    super(target);
  }

  List<Executed> executed() {
    return executed;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(delegate.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(method, c, args);
              if (method.getName().equals("prepareStatement") && args.length == 1) {
                return recording((PreparedStatement) result, (String) args[0]);
              }
              return result;
            });
  }

  private PreparedStatement recording(PreparedStatement ps, String sql) {
    List<Binding> bindings = new ArrayList<>();
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.startsWith("set")
                  && args != null
                  && args.length >= 2
                  && args[0] instanceof Integer) {
                bindings.add(new Binding(method, args.clone()));
              }
              if (name.startsWith("execute") && (args == null || args.length == 0)) {
                executed.add(new Executed(sql, List.copyOf(bindings)));
              }
              return invoke(method, ps, args);
            });
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
