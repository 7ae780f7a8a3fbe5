package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.SCOPE;
import static io.hookstream.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What is specific to SQL: claims under real threads, leases, the JSON and binary columns, slug
 * uniqueness through the live-row index, and atomic key-value operations across threads. One
 * database per test class; subclasses name it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoreScenarios {

  private final ManualClock clock = new ManualClock(T0);
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private JdbcStores stores;
  private DataSource database;
  private Store store;

  protected abstract DataSource dataSource();

  @BeforeAll
  void build() {
    database = dataSource();
    stores = JdbcStores.builder(database).clock(clock).build();
    store = stores.store();
  }

  @AfterAll
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void eventsKeepHeadersAndBodyAndSearchByIdPrefixOrBodyText() {
    SourceRecord source = Fixtures.source("search-" + Fixtures.id("s"));
    store.sources().insert(source);
    EventRecord a = Fixtures.event(source.id(), "{\"order\":\"ab%_\\\\cd\"}", T0);
    EventRecord b = Fixtures.event(source.id(), "{\"note\":\"caf\u00e9\"}", T0.plusSeconds(1));
    store.events().insertAll(List.of(a, b));

    EventRecord back = store.events().find(SCOPE, a.id()).orElseThrow();
    assertThat(back.headers()).containsExactlyEntriesOf(a.headers());
    assertThat(back.body()).isEqualTo(a.body());
    assertThat(back.receivedAt()).isEqualTo(a.receivedAt());

    assertThat(search(source, "ab%_\\\\cd")).containsExactly(a.id());
    assertThat(search(source, "caf\u00e9")).containsExactly(b.id());
    assertThat(search(source, a.id())).containsExactly(a.id());
    assertThat(search(source, "evt_")).containsExactly(b.id(), a.id());
    assertThat(search(source, "%")).containsExactly(a.id()); // literal, not a wildcard
    assertThat(search(source, "_%_")).isEmpty();
    assertThat(store.sources().countEvents(SCOPE, source.id())).isEqualTo(2);
  }

  private List<String> search(SourceRecord source, String text) {
    return store
        .events()
        .list(SCOPE, new EventQuery(source.id(), null, null, null, text), PageRequest.first(100))
        .items()
        .stream()
        .map(EventRecord::id)
        .toList();
  }

  @Test
  void slugIsUniqueAmongLiveSourcesAndFreedByDelete() {
    String slug = "dup-" + Fixtures.id("s");
    SourceRecord first = Fixtures.source(slug);
    store.sources().insert(first);

    assertThatThrownBy(() -> store.sources().insert(Fixtures.source(slug)))
        .isInstanceOf(HookstreamException.class)
        .extracting(e -> ((HookstreamException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);

    assertThat(store.sources().delete(SCOPE, first.id(), T0.plusSeconds(5))).isTrue();
    store.sources().insert(Fixtures.source(slug));
    assertThat(store.sources().findForIngest(first.id()).orElseThrow().deletedAt())
        .isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void concurrentClaimersNeverShareATask() throws Exception {
    String destination = Fixtures.id("dst");
    int total = 1200;
    List<DeliveryTask> tasks = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      tasks.add(Fixtures.task(Fixtures.id("evt"), destination, T0.minusSeconds(i % 50)));
    }
    store.deliveries().insertTasks(tasks);

    Set<String> expected = new HashSet<>(tasks.stream().map(DeliveryTask::id).toList());
    ConcurrentHashMap<String, String> claimedBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Void>> claimers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String owner = "node-" + w;
      claimers.add(
          () -> {
            start.await();
            // An empty claim may only mean another claimer holds the destination's claim lock
            // (PostgreSQL tries it, it does not wait): claim until every task is taken.
            for (int round = 0; round < 100_000 && claimedBy.size() < expected.size(); round++) {
              List<DeliveryTask> got = claim(destination, owner, T0, T0.plusSeconds(60), 25);
              got.stream()
                  .filter(t -> expected.contains(t.id()))
                  .forEach(
                      t -> {
                        if (claimedBy.putIfAbsent(t.id(), owner) != null) {
                          duplicates.incrementAndGet();
                        }
                        assertThat(t.leaseOwner()).isEqualTo(owner);
                      });
            }
            return null;
          });
    }
    List<Future<Void>> futures = new ArrayList<>();
    claimers.forEach(c -> futures.add(pool.submit(c)));
    start.countDown();
    for (Future<Void> f : futures) {
      f.get(90, TimeUnit.SECONDS);
    }

    assertThat(duplicates.get()).isZero();
    assertThat(claimedBy.keySet()).isEqualTo(expected);
    assertThat(new HashSet<>(claimedBy.values())).hasSizeGreaterThan(1);
  }

  @Test
  void claimsTakeDueTasksSkipLeasedOnesAndReclaimExpiredLeases() {
    DeliveryRepository d = store.deliveries();
    Instant now = T0.plus(Duration.ofDays(400));
    String keep = Fixtures.id("dst");
    DeliveryTask late = Fixtures.task("evt_1", keep, now.minusSeconds(1));
    DeliveryTask early = Fixtures.task("evt_2", keep, now.minusSeconds(10));
    DeliveryTask future = Fixtures.task("evt_4", keep, now.plusSeconds(30));
    d.insertTasks(List.of(late, early, future));

    List<DeliveryTask> claimed = claim(keep, "a", now, now.plusSeconds(30), 100);
    assertThat(claimed)
        .extracting(DeliveryTask::id)
        .containsExactlyInAnyOrder(early.id(), late.id());
    assertThat(claimed)
        .allSatisfy(
            t -> {
              assertThat(t.version()).isEqualTo(1);
              assertThat(t.leaseExpiresAt()).isEqualTo(now.plusSeconds(30));
            });

    // Leased: nobody else gets them while the lease lives, even after a heartbeat.
    assertThat(d.renewLeases("a", List.of(early.id(), late.id()), now.plusSeconds(60)))
        .isEqualTo(2);
    assertThat(d.renewLeases("b", List.of(early.id()), now.plusSeconds(600))).isZero();
    assertThat(ids(claim(keep, "b", now.plusSeconds(45), now.plusSeconds(90), 100)))
        .doesNotContain(early.id(), late.id());

    // Lease expired: another node reclaims, and the first node's settle is refused.
    List<DeliveryTask> reclaimed = claim(keep, "b", now.plusSeconds(61), now.plusSeconds(120), 100);
    assertThat(ids(reclaimed)).contains(early.id(), late.id());
    DeliveryTask stale =
        claimed.stream()
            .filter(t -> t.id().equals(early.id()))
            .findFirst()
            .orElseThrow()
            .settled(TaskStatus.SUCCEEDED, 1, now, now);
    assertThat(d.settle("a", stale, null)).isFalse();
    DeliveryTask held =
        reclaimed.stream().filter(t -> t.id().equals(early.id())).findFirst().orElseThrow();
    assertThat(d.settle("b", held.settled(TaskStatus.SUCCEEDED, 1, now, now), null)).isTrue();
    DeliveryTask done = d.findTask(SCOPE, early.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.leaseOwner()).isNull();
  }

  /** The engine's claim of one destination's due tasks, with no in-flight limit. */
  private List<DeliveryTask> claim(
      String destination, String owner, Instant now, Instant leaseUntil, int limit) {
    return store
        .deliveries()
        .claimDeliveries(
            new DestinationClaim(
                destination, owner, now, leaseUntil, limit, Integer.MAX_VALUE, false, null))
        .stream()
        .map(ClaimedTask::task)
        .toList();
  }

  private static List<String> ids(List<DeliveryTask> tasks) {
    return tasks.stream().map(DeliveryTask::id).toList();
  }

  @Test
  void markRoutedCreatesTasksOnceWhenNodesRace() throws Exception {
    SourceRecord source = Fixtures.source("route-" + Fixtures.id("s"));
    EventRecord event = Fixtures.event(source.id(), "{}", T0);
    store.events().insert(event);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return store
                    .events()
                    .markRouted(
                        SCOPE,
                        event.id(),
                        EventStatus.PROCESSING,
                        List.of(
                            Fixtures.task(event.id(), "dst_a", T0),
                            Fixtures.task(event.id(), "dst_b", T0)),
                        T0.plusSeconds(1));
              }));
    }
    start.countDown();
    int winners = 0;
    for (Future<Boolean> f : results) {
      winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertThat(winners).isEqualTo(1);
    assertThat(store.deliveries().tasksForEvent(SCOPE, event.id())).hasSize(2);
    assertThat(store.events().find(SCOPE, event.id()).orElseThrow().routedAt())
        .isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void purgeExpiredDeletesExpiredKeyValueRowsInBatches() throws Exception {
    ManualClock own = new ManualClock(T0);
    KeyValueStore kv = JdbcStores.builder(database).clock(own).build().keyValueStore();
    String prefix = "purge/" + Fixtures.id("k") + "/";
    for (int i = 0; i < 5; i++) {
      kv.put(prefix + i, "v", Duration.ofSeconds(1));
    }
    kv.put(prefix + "live", "v", Duration.ofHours(1));
    own.advance(Duration.ofSeconds(10));
    assertThat(kv.purgeExpired(2)).isEqualTo(2);
    while (kv.purgeExpired(100) == 100) {
      // rows other tests left expired go too
    }
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT k FROM hs_kv WHERE k LIKE ?")) {
      ps.setString(1, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(prefix + "live");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void keyValuePutIfAbsentAndIncrementAreAtomicAcrossThreads() throws Exception {
    KeyValueStore kv = stores.keyValueStore();
    String key = "dedup/" + Fixtures.id("k");
    String counter = "rate/" + Fixtures.id("k");
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    List<String> winners = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      String value = "v" + i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                for (int n = 0; n < 25; n++) {
                  kv.increment(counter, 2, Duration.ofMinutes(1));
                }
                boolean won = kv.putIfAbsent(key, value, Duration.ofMinutes(1)).isEmpty();
                if (won) {
                  winners.add(value);
                }
                return won;
              }));
    }
    start.countDown();
    for (Future<Boolean> f : results) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertThat(winners).hasSize(1);
    assertThat(kv.get(key)).contains(winners.get(0));
    assertThat(kv.get(counter)).contains("400");

    // Expiry follows the injected clock: the window ends, and the key is free again.
    clock.advance(Duration.ofSeconds(61));
    assertThat(kv.get(key)).isEmpty();
    assertThat(kv.putIfAbsent(key, "after", Duration.ofSeconds(10))).isEmpty();
    assertThat(kv.increment(counter, 5, Duration.ofSeconds(10))).isEqualTo(5);
    assertThat(kv.ttl(counter)).contains(Duration.ofSeconds(10));
  }
}
