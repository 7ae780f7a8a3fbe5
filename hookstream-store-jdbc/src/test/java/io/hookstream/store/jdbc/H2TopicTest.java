package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class H2TopicTest extends TopicScenarios {
  @Override
  protected DataSource dataSource() {
    return TestDatabases.h2Memory();
  }
}
