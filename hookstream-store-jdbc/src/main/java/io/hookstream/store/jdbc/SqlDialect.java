package io.hookstream.store.jdbc;

import io.hookstream.store.jdbc.internal.Dialect;
import io.hookstream.store.jdbc.internal.H2Dialect;
import io.hookstream.store.jdbc.internal.PostgresDialect;
import java.util.Locale;
import java.util.Optional;

/** The databases the JDBC store supports. By default it is detected from the connection. */
public enum SqlDialect {
  /** H2 2.x, file or in-memory. */
  H2(new H2Dialect()),
  /** PostgreSQL 13 or newer. */
  POSTGRESQL(new PostgresDialect());

  private final Dialect impl;

  SqlDialect(Dialect impl) {
    this.impl = impl;
  }

  /** The dialect for a JDBC {@code DatabaseMetaData.getDatabaseProductName()}, if supported. */
  public static Optional<SqlDialect> forProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.equals("h2")) {
      return Optional.of(H2);
    }
    if (name.equals("postgresql")) {
      return Optional.of(POSTGRESQL);
    }
    return Optional.empty();
  }

  Dialect impl() {
    return impl;
  }
}
