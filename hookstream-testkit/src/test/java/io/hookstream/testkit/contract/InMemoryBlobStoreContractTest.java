package io.hookstream.testkit.contract;

import io.hookstream.spi.BlobStore;
import io.hookstream.store.memory.InMemoryBlobStore;

/** The in-memory blob store passes the blob contract. */
class InMemoryBlobStoreContractTest extends BlobStoreContract {

  @Override
  protected BlobStore createBlobStore() {
    return new InMemoryBlobStore();
  }
}
