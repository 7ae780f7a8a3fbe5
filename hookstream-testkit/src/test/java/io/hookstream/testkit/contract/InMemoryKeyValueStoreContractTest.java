package io.hookstream.testkit.contract;

import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryKeyValueStore;

/** The in-memory key-value store passes the key-value contract. */
class InMemoryKeyValueStoreContractTest extends KeyValueStoreContract {

  @Override
  protected KeyValueStore createKeyValueStore(ManualClock clock) {
    return new InMemoryKeyValueStore(clock);
  }
}
