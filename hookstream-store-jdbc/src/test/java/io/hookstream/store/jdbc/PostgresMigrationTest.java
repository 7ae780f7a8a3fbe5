package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class PostgresMigrationTest extends MigrationScenarios {
  @Override
  protected DataSource freshDatabase() {
    return TestDatabases.postgresFresh();
  }

  @Override
  protected SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }
}
