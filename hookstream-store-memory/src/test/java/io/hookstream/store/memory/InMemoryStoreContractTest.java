package io.hookstream.store.memory;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Store;
import io.hookstream.tck.StoreContract;

/** The in-memory store passes the store contract. */
class InMemoryStoreContractTest extends StoreContract {

  @Override
  protected Store createStore(ManualClock clock) {
    return new InMemoryStore();
  }
}
