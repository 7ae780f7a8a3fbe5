package io.hookstream.store.jdbc.contract;

import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.KeyValueStoreContract;
import javax.sql.DataSource;

/** The JDBC key-value store on Postgres passes the key-value contract. */
class PostgresKeyValueStoreContractTest extends KeyValueStoreContract {

  private static final DataSource DB = TestDatabases.postgresFresh();

  @Override
  protected KeyValueStore createKeyValueStore(ManualClock clock) {
    return JdbcStores.builder(DB).clock(clock).build().keyValueStore();
  }
}
