package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class PostgresScenariosTest extends JdbcStoreScenarios {
  @Override
  protected DataSource dataSource() {
    return TestDatabases.postgresFresh();
  }
}
