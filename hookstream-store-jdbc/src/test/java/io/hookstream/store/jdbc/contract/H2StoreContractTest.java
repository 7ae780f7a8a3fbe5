package io.hookstream.store.jdbc.contract;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.StoreContract;
import javax.sql.DataSource;

/** The JDBC store on in-memory H2 passes the store contract. */
class H2StoreContractTest extends StoreContract {

  private static final DataSource DB = TestDatabases.h2Memory();

  @Override
  protected Store createStore(ManualClock clock) {
    return JdbcStores.builder(DB).clock(clock).build().store();
  }
}
