package io.hookstream.store.memory;

import io.hookstream.spi.BlobStore;
import io.hookstream.tck.BlobStoreContract;

/** The in-memory blob store passes the blob contract. */
class InMemoryBlobStoreContractTest extends BlobStoreContract {

  @Override
  protected BlobStore createBlobStore() {
    return new InMemoryBlobStore();
  }
}
