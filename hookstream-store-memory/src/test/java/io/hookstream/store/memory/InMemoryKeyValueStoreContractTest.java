package io.hookstream.store.memory;

import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import io.hookstream.tck.KeyValueStoreContract;

/** The in-memory key-value store passes the key-value contract. */
class InMemoryKeyValueStoreContractTest extends KeyValueStoreContract {

  @Override
  protected KeyValueStore createKeyValueStore(ManualClock clock) {
    return new InMemoryKeyValueStore(clock);
  }
}
