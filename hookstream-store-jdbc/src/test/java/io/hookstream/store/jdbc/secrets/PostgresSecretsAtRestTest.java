package io.hookstream.store.jdbc.secrets;

import io.hookstream.store.jdbc.TestDatabases;
import javax.sql.DataSource;

class PostgresSecretsAtRestTest extends SecretsAtRestScenarios {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.postgresFresh();
  }
}
