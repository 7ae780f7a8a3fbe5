package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionChange;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.CollectionStatsRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Collections: scoped reads and slugs, the guarded upsert (last write wins by event time, ties by
 * event id, an older or repeated version writes nothing), the changelog it appends to, record
 * listing and search, stats, the sync cursor, the source-event scan, and backfill leases.
 */
abstract class CollectionContract extends RepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  CollectionContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void findsAndListsCollectionsOfTheirOwnScopeAndRefusesATakenSlug() {
    Route r = route(scope);
    CollectionRecord first = insert(collection(r, "orders"));
    CollectionRecord second = insert(collection(r, "customers"));

    assertThat(store.collections().find(scope, first.id())).contains(first);
    assertThat(store.collections().find(other, first.id())).isEmpty();
    assertThat(store.collections().list(scope, new PageRequest(null, 10)).items())
        .extracting(CollectionRecord::id)
        .containsExactly(second.id(), first.id());
    assertThat(store.collections().ofSource(scope, r.sourceId()))
        .extracting(CollectionRecord::id)
        .containsExactly(first.id(), second.id());
    assertConflict(() -> store.collections().insert(collection(r, "orders")));
  }

  @Test
  void updateIsCompareAndSetAndKeepsTheSyncState() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    assertThat(store.collections().advanceSync(scope, c.id(), null, "evt_9", 2)).isTrue();
    CollectionRecord renamed = renamed(c, "All orders", c.version() + 1);

    assertThat(store.collections().update(renamed(c, "x", c.version() + 2))).isFalse();
    assertThat(store.collections().update(renamed)).isTrue();

    CollectionRecord stored = store.collections().find(scope, c.id()).orElseThrow();
    assertThat(stored.name()).isEqualTo("All orders");
    assertThat(stored.syncedThrough()).isEqualTo("evt_9");
    assertThat(stored.skippedMissingKey()).isEqualTo(2);
  }

  @Test
  void advanceSyncMovesTheCursorOnlyFromTheExpectedOne() {
    CollectionRecord c = insert(collection(route(scope), "orders"));

    assertThat(store.collections().advanceSync(scope, c.id(), null, "evt_1", 1)).isTrue();
    assertThat(store.collections().advanceSync(scope, c.id(), null, "evt_2", 1)).isFalse();
    assertThat(store.collections().advanceSync(scope, c.id(), "evt_1", "evt_2", 3)).isTrue();

    CollectionRecord stored = store.collections().find(scope, c.id()).orElseThrow();
    assertThat(stored.syncedThrough()).isEqualTo("evt_2");
    assertThat(stored.skippedMissingKey()).isEqualTo(4);
  }

  @Test
  void aNewerVersionReplacesTheRecordAndAnOlderOneWritesNothing() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    CollectionEntry first = entry(c, "ord_1", "{\"v\":1}", T0, "evt_b");
    CollectionEntry newer = entry(c, "ord_1", "{\"v\":2}", T0.plusSeconds(60), "evt_a");
    CollectionEntry older = entry(c, "ord_1", "{\"v\":0}", T0.minusSeconds(60), "evt_c");

    assertThat(upsert(first)).contains(first);
    assertThat(upsert(newer)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(first.id()));
    assertThat(upsert(older)).isEmpty();

    CollectionEntry stored = store.collections().findEntry(scope, c.id(), "ord_1").orElseThrow();
    assertThat(stored.id()).isEqualTo(first.id());
    assertThat(stored.data()).contains("2");
    assertThat(stored.eventId()).isEqualTo("evt_a");
    assertThat(stored.sourceEventAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.collections().changes(scope, c.id(), "ord_1", 10))
        .extracting(CollectionChange::eventId)
        .containsExactly("evt_a", "evt_b");
  }

  @Test
  void theSameEventTwiceWritesOnceAndEqualTimesAreDecidedByEventId() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    CollectionEntry low = entry(c, "k", "{\"by\":\"low\"}", T0, "evt_1");
    CollectionEntry high = entry(c, "k", "{\"by\":\"high\"}", T0, "evt_2");

    assertThat(upsert(high)).isPresent();
    assertThat(upsert(high)).isEmpty();
    assertThat(upsert(low)).isEmpty();

    assertThat(store.collections().findEntry(scope, c.id(), "k").orElseThrow().eventId())
        .isEqualTo("evt_2");
    assertThat(store.collections().changes(scope, c.id(), "k", 10)).hasSize(1);
  }

  @Test
  void concurrentUpsertsOfOneKeyConvergeOnTheNewestVersion() throws Exception {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    int versions = 40;
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int i = 0; i < versions; i++) {
      // Reversed and interleaved: the newest version is written early by one of the threads.
      CollectionEntry e =
          entry(c, "hot", "{\"n\":" + i + "}", T0.plusSeconds((i * 7L) % versions), "evt_" + i);
      writers.add(() -> upsert(e).isPresent());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    int applied = 0;
    try {
      for (Future<Boolean> f : pool.invokeAll(writers, 60, TimeUnit.SECONDS)) {
        applied += f.get() ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }

    CollectionEntry stored = store.collections().findEntry(scope, c.id(), "hot").orElseThrow();
    assertThat(stored.sourceEventAt()).isEqualTo(T0.plusSeconds(versions - 1));
    assertThat(store.collections().changes(scope, c.id(), "hot", 100)).hasSize(applied);
  }

  @Test
  void entriesComeInKeyOrderAfterACursorAndSearchIgnoresCase() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    upsert(entry(c, "b", "{\"city\":\"Berlin\"}", T0, "evt_1"));
    upsert(entry(c, "a", "{\"city\":\"Paris\"}", T0, "evt_2"));
    upsert(entry(c, "c", "{\"city\":\"berlin-mitte\"}", T0, "evt_3"));

    assertThat(store.collections().entries(scope, c.id(), null, null, 10))
        .extracting(CollectionEntry::key)
        .containsExactly("a", "b", "c");
    assertThat(store.collections().entries(scope, c.id(), null, "a", 1))
        .extracting(CollectionEntry::key)
        .containsExactly("b");
    assertThat(store.collections().entries(scope, c.id(), "BERLIN", null, 10))
        .extracting(CollectionEntry::key)
        .containsExactly("b", "c");
    assertThat(store.collections().entries(scope, c.id(), "100%", null, 10)).isEmpty();
    assertThat(store.collections().entries(other, c.id(), null, null, 10)).isEmpty();
  }

  @Test
  void statsCountRecordsBytesChangesAndTheLastSync() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    assertThat(store.collections().stats(scope, c.id()))
        .isEqualTo(new CollectionStatsRecord(0, 0, 0, null));
    upsert(entry(c, "a", "{\"v\":1}", T0, "evt_1"));
    upsert(entry(c, "a", "{\"v\":22}", T0.plusSeconds(1), "evt_2"));
    CollectionEntry last = entry(c, "b", "{\"v\":3}", T0, "evt_3");
    clock.advance(Duration.ofMinutes(5));
    upsert(entryAt(last, clock.now()));

    CollectionStatsRecord stats = store.collections().stats(scope, c.id());
    assertThat(stats.recordCount()).isEqualTo(2);
    assertThat(stats.dataBytes()).isEqualTo("{\"v\":22}".length() + "{\"v\":3}".length());
    assertThat(stats.changelogEntries()).isEqualTo(3);
    assertThat(stats.lastSyncAt()).isEqualTo(clock.now());
  }

  @Test
  void deleteRemovesTheRecordsAndLaterUpsertsWriteNothing() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    upsert(entry(c, "a", "{}", T0, "evt_1"));

    assertThat(store.collections().delete(other, c.id())).isFalse();
    assertThat(store.collections().delete(scope, c.id())).isTrue();

    assertThat(store.collections().find(scope, c.id())).isEmpty();
    assertThat(store.collections().findEntry(scope, c.id(), "a")).isEmpty();
    assertThat(upsert(entry(c, "b", "{}", T0, "evt_2"))).isEmpty();
    assertThat(store.collections().entries(scope, c.id(), null, null, 10)).isEmpty();
  }

  @Test
  void sourceEventsAreTheSourcesOwnNonDuplicatesInIdOrderAfterTheCursor() {
    Route r = route(scope);
    Route elsewhere = route(scope);
    EventRecord e1 = event(r, clock.now());
    event(elsewhere, clock.now());
    EventRecord e2 = event(r, clock.now());
    store.events().insert(fx.duplicateOf(e2, ids.next("evt")));
    clock.advance(Duration.ofMinutes(1));
    EventRecord e3 = event(r, clock.now());

    assertThat(store.collections().sourceEvents(scope, r.sourceId(), null, null, 10))
        .extracting(EventRecord::id)
        .containsExactly(e1.id(), e2.id(), e3.id());
    assertThat(store.collections().sourceEvents(scope, r.sourceId(), e1.id(), null, 10))
        .extracting(EventRecord::id)
        .containsExactly(e2.id(), e3.id());
    assertThat(store.collections().sourceEvents(scope, r.sourceId(), null, e3.receivedAt(), 10))
        .extracting(EventRecord::id)
        .containsExactly(e1.id(), e2.id());
    assertThat(store.collections().sourceEvents(scope, r.sourceId(), null, null, 1)).hasSize(1);
    assertThat(store.collections().countSourceEvents(scope, r.sourceId(), 100)).isEqualTo(3);
    assertThat(store.collections().countSourceEvents(scope, r.sourceId(), 2)).isEqualTo(2);
  }

  @Test
  void aBackfillIsLeasedSteppedByCompareAndSetAndReplacedOnceFinished() {
    CollectionRecord c = insert(collection(route(scope), "orders"));
    Instant now = clock.now();
    BackfillRecord started = BackfillRecord.started(c.id(), scope, 5, 1, now);

    assertThat(store.collections().startBackfill(started)).isTrue();
    assertThat(store.collections().startBackfill(started)).isFalse();
    assertThat(mine(store.collections().runnableBackfills("node-a", now, 100), c))
        .containsExactly(started);

    BackfillRecord leased =
        started.stepped(2, 1, 1, "evt_2", "node-a", now.plusSeconds(30), false, now);
    assertThat(store.collections().compareAndSetBackfill(leased, started.version() + 1)).isFalse();
    assertThat(store.collections().compareAndSetBackfill(leased, started.version())).isTrue();
    assertThat(mine(store.collections().runnableBackfills("node-b", now, 100), c)).isEmpty();
    assertThat(mine(store.collections().runnableBackfills("node-b", now.plusSeconds(30), 100), c))
        .containsExactly(leased);

    BackfillRecord done = leased.stepped(3, 3, 0, "evt_5", "node-a", null, true, now);
    assertThat(store.collections().compareAndSetBackfill(done, leased.version())).isTrue();
    assertThat(store.collections().findBackfill(scope, c.id())).contains(done);
    assertThat(store.collections().findBackfill(other, c.id())).isEmpty();
    assertThat(done.processed()).isEqualTo(5);
    assertThat(done.applied()).isEqualTo(4);
    assertThat(store.collections().startBackfill(BackfillRecord.started(c.id(), scope, 5, 4, now)))
        .isTrue();
  }

  private static List<BackfillRecord> mine(List<BackfillRecord> runnable, CollectionRecord c) {
    return runnable.stream().filter(b -> b.collectionId().equals(c.id())).toList();
  }

  private CollectionRecord insert(CollectionRecord c) {
    store.collections().insert(c);
    return c;
  }

  private java.util.Optional<CollectionEntry> upsert(CollectionEntry e) {
    return store.collections().upsert(e, ids.next("cl"));
  }

  private CollectionRecord collection(Route r, String slug) {
    return new CollectionRecord(
        ids.next("col"),
        r.scope().orgId(),
        r.scope().envId(),
        "Orders",
        slug,
        r.sourceId(),
        "data.id",
        null,
        null,
        0,
        1,
        clock.now(),
        clock.now());
  }

  private static CollectionRecord renamed(CollectionRecord c, String name, long version) {
    return new CollectionRecord(
        c.id(),
        c.orgId(),
        c.envId(),
        name,
        c.slug(),
        c.sourceId(),
        c.primaryKeyPath(),
        c.eventTimePath(),
        null,
        0,
        version,
        c.createdAt(),
        c.updatedAt());
  }

  private CollectionEntry entry(
      CollectionRecord c, String key, String data, Instant at, String eventId) {
    Scope s = c.scope();
    return new CollectionEntry(
        ids.next("rec"), c.id(), s.orgId(), s.envId(), key, data, at, eventId, clock.now());
  }

  private static CollectionEntry entryAt(CollectionEntry e, Instant syncedAt) {
    return new CollectionEntry(
        e.id(),
        e.collectionId(),
        e.orgId(),
        e.envId(),
        e.key(),
        e.data(),
        e.sourceEventAt(),
        e.eventId(),
        syncedAt);
  }
}
