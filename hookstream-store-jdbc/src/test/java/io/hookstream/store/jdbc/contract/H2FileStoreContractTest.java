package io.hookstream.store.jdbc.contract;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on a file-based H2 database passes the store contract. */
class H2FileStoreContractTest extends StoreContract {

  @TempDir static Path dir;

  @Override
  protected Store createStore(ManualClock clock) {
    return JdbcStores.builder(TestDatabases.h2File(dir)).clock(clock).build().store();
  }
}
