package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.store.jdbc.internal.Jdbc;
import io.hookstream.store.jdbc.internal.Migrator;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Schema migrations: upgrade from an older version, concurrent starts, opt-out, prefixes. */
abstract class MigrationScenarios {

  /** A new, empty database for one test. */
  protected abstract DataSource freshDatabase();

  protected abstract SqlDialect dialect();

  @Test
  void anInstanceStartedOnAnOlderSchemaMigratesAndKeepsItsData() {
    DataSource ds = freshDatabase();
    Migrator v1 = new Migrator(ds, dialectImpl(), "hs_");
    v1.migrateTo(1);
    assertThat(v1.currentVersion()).isEqualTo(1);
    JdbcStores old = JdbcStores.builder(ds).autoMigrate(false).build();
    SourceRecord source = Fixtures.source("kept");
    old.store().sources().insert(source);
    assertThatThrownBy(() -> old.keyValueStore().put("k", "v", Duration.ofMinutes(1)))
        .isInstanceOf(HookstreamException.class); // the kv table arrives in version 2

    JdbcStores upgraded = JdbcStores.builder(ds).build();

    assertThat(versions(ds, "hs_")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(upgraded.store().sources().find(SCOPE, source.id())).isPresent();
    upgraded.keyValueStore().put("k", "v", Duration.ofMinutes(1));
    assertThat(upgraded.keyValueStore().get("k")).contains("v");
  }

  @Test
  void instancesStartingTogetherApplyEachVersionOnce() throws Exception {
    DataSource ds = freshDatabase();
    int instances = 4;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<JdbcStores>> started = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        started.add(
            pool.submit(
                () -> {
                  start.await();
                  return JdbcStores.builder(ds).build();
                }));
      }
      start.countDown();
      List<JdbcStores> all = new ArrayList<>();
      for (Future<JdbcStores> f : started) {
        all.add(f.get(120, TimeUnit.SECONDS));
      }
      assertThat(versions(ds, "hs_")).containsExactly(1, 2, 3, 4, 5, 6);
      SourceRecord source = Fixtures.source("shared");
      all.get(0).store().sources().insert(source);
      for (JdbcStores stores : all) {
        assertThat(stores.store().sources().find(SCOPE, source.id())).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStartingInstanceWaitsWhileAnotherHoldsTheMigrationLock() throws Exception {
    DataSource ds = freshDatabase();
    io.hookstream.store.jdbc.internal.Dialect dialect = dialectImpl();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection holder = ds.getConnection()) {
      dialect.acquireMigrationLock(holder, "hs_");
      Future<JdbcStores> starting = pool.submit(() -> JdbcStores.builder(ds).build());

      assertThatThrownBy(() -> starting.get(1, TimeUnit.SECONDS))
          .isInstanceOf(TimeoutException.class);
      assertThat(new Migrator(ds, dialect, "hs_").currentVersion()).isZero();

      dialect.releaseMigrationLock(holder, "hs_");
      starting.get(60, TimeUnit.SECONDS);
      assertThat(versions(ds, "hs_")).containsExactly(1, 2, 3, 4, 5, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void autoMigrateOffLeavesTheDatabaseAlone() {
    DataSource ds = freshDatabase();
    JdbcStores stores = JdbcStores.builder(ds).autoMigrate(false).dialect(dialect()).build();
    assertThat(new Migrator(ds, dialectImpl(), "hs_").currentVersion()).isZero();
    assertThatThrownBy(() -> stores.store().sources().find(SCOPE, "src_x"))
        .isInstanceOf(HookstreamException.class);
  }

  @Test
  void storesWithDifferentPrefixesShareADatabaseWithoutSeeingEachOther() {
    DataSource ds = freshDatabase();
    JdbcStores a = JdbcStores.builder(ds).tablePrefix("a_").build();
    JdbcStores b = JdbcStores.builder(ds).tablePrefix("b_").build();
    assertThat(a.dialect()).isEqualTo(dialect());
    SourceRecord source = Fixtures.source("same-slug");
    a.store().sources().insert(source);
    b.store().sources().insert(Fixtures.source("same-slug"));
    assertThat(b.store().sources().find(SCOPE, source.id())).isEmpty();
    assertThat(versions(ds, "a_")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(versions(ds, "b_")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void everyScriptIsShippedAndSubstitutesThePrefix() {
    Migrator migrator = new Migrator(freshDatabase(), dialectImpl(), "px_");
    for (String script : Migrator.SCRIPTS) {
      String sql = migrator.load(script);
      assertThat(sql).doesNotContain("${prefix}");
      if (sql.contains("CREATE ")) { // PostgreSQL's version 4 changes nothing
        assertThat(sql).containsPattern("CREATE (TABLE|INDEX) px_");
      }
    }
    assertThat(JdbcStores.latestSchemaVersion()).isEqualTo(Migrator.SCRIPTS.size());
  }

  private io.hookstream.store.jdbc.internal.Dialect dialectImpl() {
    return dialect().impl();
  }

  private static List<Integer> versions(DataSource ds, String prefix) {
    return new Jdbc(ds)
        .query(
            "SELECT version FROM " + prefix + "schema_version ORDER BY version",
            rs -> rs.getInt("version"));
  }
}
