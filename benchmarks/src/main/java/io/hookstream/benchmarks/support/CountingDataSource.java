package io.hookstream.benchmarks.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Wraps a DataSource to count the statements prepared and the connections borrowed through it, so a
 * harness can say how many round trips one operation costs. Thread-safe.
 */
public final class CountingDataSource {

  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong borrows = new AtomicLong();
  private final DataSource wrapped;

  public CountingDataSource(DataSource target) {
    this.wrapped =
        proxy(
            DataSource.class,
            target,
            (m, result) -> {
              if (m.getName().equals("getConnection")) {
                borrows.incrementAndGet();
                return proxy(
                    Connection.class,
                    result,
                    (cm, r) -> {
                      if (cm.getName().startsWith("prepare")
                          || cm.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                      }
                      return r;
                    });
              }
              return result;
            });
  }

  public DataSource dataSource() {
    return wrapped;
  }

  /** Statements prepared or created so far. */
  public long statements() {
    return statements.get();
  }

  /** Connections borrowed so far. */
  public long borrows() {
    return borrows.get();
  }

  private interface After {
    Object apply(Method method, Object result);
  }

  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler handler =
        (p, method, args) -> {
          try {
            return after.apply(method, method.invoke(target, args));
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
