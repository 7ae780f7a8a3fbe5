package io.hookstream.store.jdbc.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.Hookstream;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.collection.DataRecord;
import io.hookstream.collection.RecordChange;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one PostgreSQL database ingest versions of one key at once, in shuffled order,
 * each upserting on its own hand-off thread, then both sweep at once. The record converges on the
 * newest version, no version is applied twice, and the events without a key are counted once.
 */
class PostgresCollectionRaceTest {

  private static final int VERSIONS = 200;
  private static final int KEYLESS = 10;

  private final ManualClock clock = new ManualClock();
  private final List<Hookstream> nodes = new ArrayList<>();

  @AfterEach
  void close() {
    nodes.forEach(Hookstream::close);
  }

  @Test
  void twoNodesRacingOnOneKeyConvergeOnTheNewestVersion() throws Exception {
    DataSource db = TestDatabases.postgresFresh();
    Hookstream a = node(db, "node-a");
    Hookstream b = node(db, "node-b");
    var org = a.organizations().create("Race");
    Scope scope = a.organizations().createEnvironment(org.id(), "production").scope();
    String src = a.sources().create(scope, SourceSpec.builder().name("orders").build()).id();
    Collection c =
        a.collections()
            .create(
                scope,
                CollectionSpec.builder()
                    .name("Orders")
                    .sourceId(src)
                    .primaryKeyPath("data.id")
                    .eventTimePath("data.version")
                    .build());

    List<Integer> order = new ArrayList<>();
    for (int v = 1; v <= VERSIONS; v++) {
      order.add(v);
    }
    Collections.shuffle(order, new java.util.Random(42));
    List<Callable<String>> ingests = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Hookstream node = i % 2 == 0 ? a : b;
      String body =
          "{\"data\":{\"id\":\"hot\",\"version\":" + (1_700_000_000 + order.get(i)) + "}}";
      ingests.add(() -> node.ingest(src, IngestRequest.json(body)).eventId());
    }
    for (int i = 0; i < KEYLESS; i++) {
      Hookstream node = i % 2 == 0 ? a : b;
      ingests.add(() -> node.ingest(src, IngestRequest.json("{\"ping\":true}")).eventId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<String> f : pool.invokeAll(ingests, 60, TimeUnit.SECONDS)) {
        assertThat(f.get()).startsWith("evt_");
      }
      awaitNewest(a, scope, c);
      // Both sweeps at once: re-applying changes nothing, and one cursor move counts the skips.
      clock.advance(Hookstream.Builder.DEFAULT_RECOVERY_GRACE.plusSeconds(10));
      List<Callable<List<String>>> sweeps = List.of(a::runDueJobs, b::runDueJobs);
      for (Future<List<String>> f : pool.invokeAll(sweeps, 60, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    DataRecord hot = a.collections().record(scope, c.id(), "hot").orElseThrow();
    assertThat(version(hot.dataJson())).isEqualTo(VERSIONS);
    assertThat(b.collections().record(scope, c.id(), "hot")).contains(hot);
    List<RecordChange> log = a.collections().changelog(scope, c.id(), "hot", 100);
    Set<Integer> applied = new HashSet<>();
    for (RecordChange change : log) {
      assertThat(applied.add(version(change.dataJson()))).as("applied once").isTrue();
    }
    assertThat(applied).contains(VERSIONS);
    var stats = a.collections().stats(scope, c.id());
    assertThat(stats.recordCount()).isEqualTo(1);
    assertThat(stats.skippedMissingKey()).isEqualTo(KEYLESS);
  }

  private Hookstream node(DataSource db, String nodeId) {
    JdbcStores stores = JdbcStores.builder(db).clock(clock).build();
    Hookstream hs =
        Hookstream.builder()
            .store(stores.store())
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore())
            .clock(clock)
            .nodeId(nodeId)
            .build();
    nodes.add(hs);
    return hs;
  }

  private static void awaitNewest(Hookstream hs, Scope scope, Collection c) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (hs.collections()
        .record(scope, c.id(), "hot")
        .map(r -> version(r.dataJson()) != VERSIONS)
        .orElse(true)) {
      assertThat(System.nanoTime()).as("newest version within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(5_000_000);
    }
  }

  private static int version(String json) {
    try {
      return new ObjectMapper().readTree(json).at("/data/version").asInt() - 1_700_000_000;
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
