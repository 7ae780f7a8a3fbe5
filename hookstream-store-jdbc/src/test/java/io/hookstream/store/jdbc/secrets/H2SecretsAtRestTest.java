package io.hookstream.store.jdbc.secrets;

import io.hookstream.store.jdbc.TestDatabases;
import javax.sql.DataSource;

class H2SecretsAtRestTest extends SecretsAtRestScenarios {
  @Override
  DataSource freshDatabase() {
    return TestDatabases.h2Memory();
  }
}
