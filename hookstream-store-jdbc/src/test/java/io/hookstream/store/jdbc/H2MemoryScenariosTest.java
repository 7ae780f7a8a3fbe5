package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class H2MemoryScenariosTest extends JdbcStoreScenarios {
  @Override
  protected DataSource dataSource() {
    return TestDatabases.h2Memory();
  }
}
