package io.hookstream.store.jdbc.contract;

import io.hookstream.spi.BlobStore;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.BlobStoreContract;
import javax.sql.DataSource;

/** The JDBC blob store on H2 passes the blob contract. */
class H2BlobStoreContractTest extends BlobStoreContract {

  private static final DataSource DB = TestDatabases.h2Memory();

  @Override
  protected BlobStore createBlobStore() {
    return JdbcStores.builder(DB).build().blobStore();
  }
}
