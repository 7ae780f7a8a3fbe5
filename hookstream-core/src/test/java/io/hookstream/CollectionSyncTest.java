package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.collection.Backfill;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.collection.DataRecord;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.internal.Json;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.CollectionRepository;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.stream.CollectingSink;
import io.hookstream.stream.StreamChannels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Events of a collection's source become records: the newest event time wins, an older event
 * changes nothing, an event without a key is skipped and counted. A crash between the event's
 * commit and its sync loses nothing (the sync sweep applies it after a restart), and a backfill
 * replays stored events, resumes after a restart and changes nothing when run twice.
 */
class CollectionSyncTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();

  @Test
  void theNewestEventTimeWinsAndAnOlderEventChangesNothing() throws Exception {
    try (Hookstream hs = TestEngine.builder(store, clock).build().start()) {
      Scope scope = TestEngine.newScope(hs);
      String src = source(hs, scope);
      Collection c = orders(hs, scope, src);
      CollectingSink live = new CollectingSink();
      hs.streams().open(scope.orgId(), live, 100).subscribe(StreamChannels.collections(c.id()));

      hs.ingest(src, order("ord_1", "2026-03-01T14:00:00Z", 7500));
      awaitRecord(hs, scope, c, "ord_1");
      String newer = record(hs, scope, c, "ord_1").eventId();
      hs.ingest(src, order("ord_1", "2026-03-01T13:00:00Z", 4999)); // arrives late
      hs.ingest(src, order("ord_2", "2026-03-01T12:00:00Z", 100));
      awaitRecord(hs, scope, c, "ord_2");
      sweep(hs);

      DataRecord r = record(hs, scope, c, "ord_1");
      assertThat(r.eventId()).isEqualTo(newer);
      assertThat(Json.parse(r.dataJson()).at("/data/amount").asInt()).isEqualTo(7500);
      assertThat(r.sourceEventAt()).hasToString("2026-03-01T14:00:00Z");
      assertThat(hs.collections().changelog(scope, c.id(), "ord_1", 50)).hasSize(1);
      JsonNode sync = live.next();
      assertThat(sync.get("type").asText()).isEqualTo("sync");
      assertThat(sync.get("channel").asText()).isEqualTo("collections:" + c.id());
      assertThat(sync.at("/data/record_key").asText()).isEqualTo("ord_1");
      assertThat(live.next().at("/data/record_key").asText()).isEqualTo("ord_2");
      assertThat(live.poll(100)).as("the late, older event was not applied").isNull();
    }
  }

  @Test
  void eventsWithoutAKeyAreSkippedAndCounted() {
    try (Hookstream hs = TestEngine.builder(store, clock).build().start()) {
      Scope scope = TestEngine.newScope(hs);
      String src = source(hs, scope);
      Collection c = orders(hs, scope, src);

      hs.ingest(src, IngestRequest.json("{\"type\":\"ping\"}"));
      hs.ingest(src, IngestRequest.json("{\"data\":{\"id\":null}}"));
      hs.ingest(src, order("ord_1", "2026-03-01T14:00:00Z", 1));
      sweep(hs);

      var stats = hs.collections().stats(scope, c.id());
      assertThat(stats.recordCount()).isEqualTo(1);
      assertThat(stats.skippedMissingKey()).isEqualTo(2);
      sweep(hs);
      assertThat(hs.collections().stats(scope, c.id()).skippedMissingKey())
          .as("a second sweep counts nothing again")
          .isEqualTo(2);
    }
  }

  @Test
  void anEventCommittedButNeverSyncedBecomesARecordAfterARestart() {
    Scope scope;
    String src;
    Collection c;
    // The first engine commits events but dies before any collection write reaches the store.
    try (Hookstream crashed =
        TestEngine.builder(withoutCollectionWrites(store), clock)
            .nodeId("node-a")
            .build()
            .start()) {
      scope = TestEngine.newScope(crashed);
      src = source(crashed, scope);
      c = orders(crashed, scope, src);
      crashed.ingest(src, order("ord_1", "2026-03-01T14:00:00Z", 1));
      crashed.ingest(src, order("ord_2", "2026-03-01T14:00:00Z", 2));
    }
    assertThat(store.collections().entries(scope, c.id(), null, null, 10)).isEmpty();

    try (Hookstream restarted = TestEngine.builder(store, clock).nodeId("node-a").build().start()) {
      sweep(restarted);
      assertThat(
              restarted.collections().records(scope, c.id(), null, PageRequest.first(10)).items())
          .extracting(DataRecord::key)
          .containsExactly("ord_1", "ord_2");
    }
  }

  @Test
  void aBackfillReplaysStoredEventsResumesAfterARestartAndChangesNothingTwice() {
    int events = 1_200; // three steps of 500
    Scope scope;
    Collection c;
    try (Hookstream hs = TestEngine.builder(store, clock).nodeId("node-a").build().start()) {
      scope = TestEngine.newScope(hs);
      String src = source(hs, scope);
      for (int i = 0; i < events; i++) {
        hs.ingest(src, order("ord_" + (i % 1000), "2026-03-01T14:00:00Z", i));
      }
      clock.advance(Duration.ofSeconds(1));
      c = orders(hs, scope, src); // created after the events: the sync starts from now
      clock.advance(Duration.ofSeconds(1));
      hs.collections().startBackfill(scope, c.id());
      clock.advance(Duration.ofSeconds(1));
      hs.runDueJobs();
      assertThat(hs.collections().backfill(scope, c.id()).processed()).isEqualTo(500);
    }
    try (Hookstream hs = TestEngine.builder(store, clock).nodeId("node-a").build().start()) {
      stepUntilDone(hs, scope, c);
      Backfill done = hs.collections().backfill(scope, c.id());
      assertThat(done.total()).isEqualTo(events);
      assertThat(done.processed()).isEqualTo(events);
      // Same time for all: the highest event id of each key wins, so 1200 events make 1000
      // records and 1200 changes (each later event of a key is newer than the one before).
      assertThat(done.applied()).isEqualTo(events);
      var stats = hs.collections().stats(scope, c.id());
      assertThat(stats.recordCount()).isEqualTo(1000);
      assertThat(stats.changelogEntries()).isEqualTo(events);

      hs.collections().startBackfill(scope, c.id());
      stepUntilDone(hs, scope, c);
      Backfill again = hs.collections().backfill(scope, c.id());
      assertThat(again.processed()).isEqualTo(events);
      assertThat(again.applied()).as("running twice changes nothing").isZero();
      assertThat(hs.collections().stats(scope, c.id())).isEqualTo(stats);
    }
  }

  @Test
  void badPathsAndForeignSourcesAreRefusedNamingTheField() {
    try (Hookstream hs = TestEngine.builder(store, clock).build().start()) {
      Scope scope = TestEngine.newScope(hs);
      Scope other = TestEngine.newScope(hs);
      String foreign = source(hs, other);
      HookstreamException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              HookstreamException.class,
              () ->
                  hs.collections()
                      .create(
                          scope,
                          CollectionSpec.builder()
                              .name("Orders")
                              .sourceId(foreign)
                              .primaryKeyPath("data..id")
                              .eventTimePath("")
                              .build()));
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(e.fieldErrors())
          .extracting(f -> f.field())
          .containsExactlyInAnyOrder("source_id", "primary_key_path", "event_time_path");
    }
  }

  private void stepUntilDone(Hookstream hs, Scope scope, Collection c) {
    for (int i = 0;
        i < 10 && hs.collections().backfill(scope, c.id()).status().equals("running");
        i++) {
      clock.advance(Duration.ofSeconds(1));
      hs.runDueJobs();
    }
    assertThat(hs.collections().backfill(scope, c.id()).status()).isEqualTo("completed");
  }

  /** Past the grace period, then the background jobs (the sync sweep among them). */
  private void sweep(Hookstream hs) {
    clock.advance(Hookstream.Builder.DEFAULT_RECOVERY_GRACE.plusSeconds(10));
    hs.runDueJobs();
  }

  private static String source(Hookstream hs, Scope scope) {
    return hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
  }

  private static Collection orders(Hookstream hs, Scope scope, String src) {
    return hs.collections()
        .create(
            scope,
            CollectionSpec.builder()
                .name("Orders")
                .sourceId(src)
                .primaryKeyPath("data.id")
                .eventTimePath("data.updated_at")
                .build());
  }

  private static IngestRequest order(String id, String updatedAt, int amount) {
    return IngestRequest.json(
        "{\"type\":\"order.updated\",\"data\":{\"id\":\""
            + id
            + "\",\"updated_at\":\""
            + updatedAt
            + "\",\"amount\":"
            + amount
            + "}}");
  }

  private static DataRecord record(Hookstream hs, Scope scope, Collection c, String key) {
    return hs.collections().record(scope, c.id(), key).orElseThrow();
  }

  private static void awaitRecord(Hookstream hs, Scope scope, Collection c, String key) {
    Await.until(
        Duration.ofSeconds(10), () -> hs.collections().record(scope, c.id(), key).isPresent());
  }

  /** {@code store} as an engine sees it that dies before any collection write lands. */
  private static Store withoutCollectionWrites(Store store) {
    CollectionRepository real = store.collections();
    CollectionRepository failing =
        (CollectionRepository)
            Proxy.newProxyInstance(
                CollectionRepository.class.getClassLoader(),
                new Class<?>[] {CollectionRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("upsert") || method.getName().equals("advanceSync")) {
                    throw new HookstreamException(ErrorCode.UNAVAILABLE, "process died");
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (method.getName().equals("collections")) {
                return failing;
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
