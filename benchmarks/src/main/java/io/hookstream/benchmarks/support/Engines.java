package io.hookstream.benchmarks.support;

import io.hookstream.Hookstream;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import javax.sql.DataSource;

/** Tenants and sources that harnesses set up in an engine. */
public final class Engines {

  private Engines() {}

  /** An engine builder on fresh in-memory stores. */
  public static Hookstream.Builder memory() {
    return Hookstream.builder()
        .store(new InMemoryStore())
        .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
        .blobStore(new InMemoryBlobStore());
  }

  /** An engine builder on the JDBC store, key-value store and blob store of {@code db}. */
  public static Hookstream.Builder jdbc(DataSource db) {
    return jdbc(db, JdbcStores.DEFAULT_GROUP_COMMIT_ROWS);
  }

  /** The same with {@code groupCommitRows} event inserts per commit at most (1: no grouping). */
  public static Hookstream.Builder jdbc(DataSource db, int groupCommitRows) {
    JdbcStores stores = JdbcStores.builder(db).groupCommitRows(groupCommitRows).build();
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore());
  }

  /** A new organization with one environment. */
  public static Scope tenant(Hookstream hs) {
    var org = hs.organizations().create("Bench");
    return hs.organizations().createEnvironment(org.id(), "bench").scope();
  }

  /** A source with no verification and no dedup. */
  public static String plainSource(Hookstream hs, Scope scope) {
    return hs.sources().create(scope, SourceSpec.builder().name("bench").build()).id();
  }
}
