package io.hookstream.store.jdbc;

import javax.sql.DataSource;

class PostgresTopicTest extends TopicScenarios {
  @Override
  protected DataSource dataSource() {
    return TestDatabases.postgresFresh();
  }
}
