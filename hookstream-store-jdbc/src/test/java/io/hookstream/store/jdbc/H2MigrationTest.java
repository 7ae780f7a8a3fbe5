package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class H2MigrationTest extends MigrationScenarios {
  @Override
  protected DataSource freshDatabase() {
    return TestDatabases.h2Memory();
  }

  @Override
  protected SqlDialect dialect() {
    return SqlDialect.H2;
  }
}
