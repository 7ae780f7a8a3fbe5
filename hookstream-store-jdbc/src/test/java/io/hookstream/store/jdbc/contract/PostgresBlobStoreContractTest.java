package io.hookstream.store.jdbc.contract;

import io.hookstream.spi.BlobStore;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.BlobStoreContract;
import javax.sql.DataSource;

/** The JDBC blob store on Postgres passes the blob contract. */
class PostgresBlobStoreContractTest extends BlobStoreContract {

  private static final DataSource DB = TestDatabases.postgresFresh();

  @Override
  protected BlobStore createBlobStore() {
    return JdbcStores.builder(DB).build().blobStore();
  }
}
