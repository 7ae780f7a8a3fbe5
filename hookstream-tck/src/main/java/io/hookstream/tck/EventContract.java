package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.tck.StoreFixtures.Route;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Events: storage, paging, queries, routing (at ingest and by the recovery sweep), retention. */
abstract class EventContract extends RepositoryContract {

  EventContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void eventsInsertFindAndUpdateStatus() {
    Route r = route(scope);
    EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{\"n\":1}", clock.now());
    store.events().insert(e);

    EventRecord found = store.events().find(scope, e.id()).orElseThrow();
    assertThat(found.body()).isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(found.headers()).isEqualTo(e.headers());
    assertThat(found.status()).isEqualTo(EventStatus.RECEIVED);
    assertThat(found.receivedAt()).isEqualTo(e.receivedAt());
    assertThat(found.routedAt()).isNull();

    clock.advance(Duration.ofSeconds(3));
    assertThat(store.events().updateStatus(scope, e.id(), EventStatus.DELIVERED, clock.now()))
        .isTrue();
    assertThat(store.events().find(scope, e.id()).orElseThrow())
        .satisfies(x -> assertThat(x.status()).isEqualTo(EventStatus.DELIVERED))
        .satisfies(x -> assertThat(x.updatedAt()).isEqualTo(clock.now()));
    assertThat(store.events().updateStatus(scope, ids.next("evt"), EventStatus.FAILED, clock.now()))
        .isFalse();
    assertConflict(() -> store.events().insert(e));
    assertThat(store.sources().countEvents(scope, r.sourceId())).isEqualTo(1);
  }

  @Test
  void eventsAreIsolatedByScope() {
    Route r = route(scope);
    EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", clock.now());
    store.events().insert(e);
    DeliveryTask t = fx.task(r, e.id(), NEVER, clock.now());

    assertThat(store.events().find(other, e.id())).isEmpty();
    assertThat(store.events().list(other, EventQuery.ALL, PageRequest.first(10)).items()).isEmpty();
    assertThat(store.events().updateStatus(other, e.id(), EventStatus.FAILED, clock.now()))
        .isFalse();
    assertThat(
            store
                .events()
                .markRouted(other, e.id(), EventStatus.PROCESSING, List.of(t), clock.now()))
        .isFalse();
    assertThat(store.deliveries().findTask(scope, t.id())).isEmpty();
    assertThat(store.events().find(scope, e.id()).orElseThrow().status())
        .isEqualTo(EventStatus.RECEIVED);
    assertThat(store.sources().countEvents(other, r.sourceId())).isZero();
  }

  @Test
  void eventsPageNewestFirstWithoutGapsOrDuplicates() {
    Route r = route(scope);
    List<String> inserted = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      EventRecord e =
          fx.event(scope, ids.next("evt"), r.sourceId(), "{\"i\":" + i + "}", clock.now());
      store.events().insert(e);
      inserted.add(e.id());
    }
    List<String> newestFirst = new ArrayList<>(inserted);
    newestFirst.sort(Comparator.reverseOrder());
    assertThat(pageAll(p -> store.events().list(scope, EventQuery.ALL, p), 20, EventRecord::id))
        .containsExactlyElementsOf(newestFirst);
    assertThat(pageAll(p -> store.events().list(scope, EventQuery.ALL, p), 100, EventRecord::id))
        .containsExactlyElementsOf(newestFirst);
  }

  @Test
  void eventPagingIsStableWhileOtherThreadsInsert() throws Exception {
    Route r = route(scope);
    List<String> all = IntStream.range(0, 600).mapToObj(i -> ids.next("evt")).toList();
    List<String> existing = new ArrayList<>();
    List<String> concurrent = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (i % 2 == 0 ? existing : concurrent).add(all.get(i));
    }
    for (String id : existing) {
      store.events().insert(fx.event(scope, id, r.sourceId(), "{}", clock.now()));
    }
    int writers = 3;
    List<List<String>> results =
        Concurrently.run(
            writers + 1,
            i ->
                () -> {
                  if (i == writers) {
                    return pageAll(
                        p -> store.events().list(scope, EventQuery.ALL, p), 7, EventRecord::id);
                  }
                  // Writers insert ids interleaved with the existing ones, in the middle of the
                  // range.
                  for (int k = i; k < concurrent.size(); k += writers) {
                    store
                        .events()
                        .insert(
                            fx.event(scope, concurrent.get(k), r.sourceId(), "{}", clock.now()));
                  }
                  return List.of();
                });
    List<String> seen = results.get(writers);
    assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(seen).containsAll(existing);
    assertThat(store.sources().countEvents(scope, r.sourceId())).isEqualTo(all.size());
  }

  @Test
  void eventQueriesFilterBySourceStatusTimeAndSearch() {
    Route a = route(scope);
    Route b = route(scope);
    Instant t0 = clock.now();
    List<EventRecord> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Route r = i % 2 == 0 ? a : b;
      String body = i == 7 ? "{\"order\":\"needle-42\"}" : "{\"order\":\"plain-" + i + "\"}";
      EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), body, clock.now());
      store.events().insert(e);
      events.add(e);
      clock.advance(Duration.ofSeconds(10));
    }
    store.events().updateStatus(scope, events.get(3).id(), EventStatus.FAILED, clock.now());
    store.events().updateStatus(scope, events.get(8).id(), EventStatus.FAILED, clock.now());

    assertThat(
            pageAll(
                p ->
                    store
                        .events()
                        .list(scope, new EventQuery(a.sourceId(), null, null, null, null), p),
                4,
                EventRecord::id))
        .containsExactlyElementsOf(idsNewestFirst(events, (i, e) -> i % 2 == 0));
    assertThat(query(new EventQuery(null, EventStatus.FAILED, null, null, null)))
        .containsExactly(events.get(8).id(), events.get(3).id());
    assertThat(query(new EventQuery(b.sourceId(), EventStatus.FAILED, null, null, null)))
        .containsExactly(events.get(3).id());
    // after is inclusive, before exclusive: seconds 50..90 are events 5..8
    assertThat(query(new EventQuery(null, null, t0.plusSeconds(50), t0.plusSeconds(90), null)))
        .containsExactlyElementsOf(idsNewestFirst(events, (i, e) -> i >= 5 && i < 9));
    assertThat(query(new EventQuery(null, null, null, null, "needle-42")))
        .containsExactly(events.get(7).id());
    String idPrefix = events.get(12).id().substring(0, events.get(12).id().length() - 1);
    assertThat(query(new EventQuery(null, null, null, null, idPrefix)))
        .contains(events.get(12).id());
    assertThat(query(new EventQuery(null, null, null, null, events.get(12).id())))
        .containsExactly(events.get(12).id());
    assertThat(query(new EventQuery(null, null, null, null, "no-such-text"))).isEmpty();
  }

  @Test
  void recoverySweepFindsUnroutedEventsOldestFirstAndMarkRoutedSucceedsOnce() {
    Instant window = Instant.parse("2001-01-01T00:00:00Z");
    Route r = route(scope);
    Route o = route(other);
    EventRecord older =
        fx.event(scope, ids.next("evt"), r.sourceId(), "{}", window.plusSeconds(20));
    EventRecord newer =
        fx.event(scope, ids.next("evt"), r.sourceId(), "{}", window.plusSeconds(30));
    EventRecord first =
        fx.event(other, ids.next("evt"), o.sourceId(), "{}", window.plusSeconds(10));
    EventRecord duplicate = fx.duplicateOf(older, ids.next("evt"));
    EventRecord late = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", window.plusSeconds(60));
    // Inserted newest id first so that "oldest first" must follow receivedAt, not insertion.
    for (EventRecord e : List.of(late, newer, older, first, duplicate)) {
      store.events().insert(e);
    }
    Instant bound = window.plusSeconds(60);
    Set<String> mine = Set.of(older.id(), newer.id(), first.id(), duplicate.id(), late.id());

    assertThat(unrouted(bound, mine)).containsExactly(first.id(), older.id(), newer.id());

    DeliveryTask t1 = fx.task(r, older.id(), NEVER, clock.now());
    DeliveryTask t2 = fx.task(r, older.id(), NEVER, clock.now());
    assertThat(
            store
                .events()
                .markRouted(
                    scope, older.id(), EventStatus.PROCESSING, List.of(t1, t2), clock.now()))
        .isTrue();
    assertThat(
            store
                .events()
                .markRouted(
                    scope,
                    older.id(),
                    EventStatus.PROCESSING,
                    List.of(fx.task(r, older.id(), NEVER, clock.now())),
                    clock.now()))
        .isFalse();
    assertThat(
            store
                .events()
                .markRouted(scope, ids.next("evt"), EventStatus.PROCESSING, List.of(), clock.now()))
        .isFalse();
    EventRecord routed = store.events().find(scope, older.id()).orElseThrow();
    assertThat(routed.routedAt()).isEqualTo(clock.now());
    assertThat(routed.status()).isEqualTo(EventStatus.PROCESSING);
    assertThat(store.deliveries().tasksForEvent(scope, older.id()))
        .extracting(DeliveryTask::id)
        .containsExactly(t1.id(), t2.id());

    assertThat(unrouted(bound, mine)).containsExactly(first.id(), newer.id());
    assertThat(
            store
                .events()
                .markRouted(other, first.id(), EventStatus.RECEIVED, List.of(), clock.now()))
        .isTrue();
    store.events().markRouted(scope, newer.id(), EventStatus.RECEIVED, List.of(), clock.now());
    assertThat(unrouted(bound, mine)).isEmpty();
    assertThat(unrouted(bound.plusSeconds(1), mine)).containsExactly(late.id());
    store.events().markRouted(scope, late.id(), EventStatus.RECEIVED, List.of(), clock.now());
  }

  @Test
  void markRoutedRaceHasExactlyOneWinnerPerEvent() throws Exception {
    Route r = route(scope);
    List<EventRecord> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", clock.now());
      store.events().insert(e);
      events.add(e);
    }
    int threads = 8;
    Map<String, List<String>> winners = new ConcurrentHashMap<>();
    Concurrently.run(
        threads,
        i ->
            () -> {
              for (EventRecord e : events) {
                List<DeliveryTask> tasks =
                    List.of(
                        fx.task(r, e.id(), NEVER, clock.now()),
                        fx.task(r, e.id(), NEVER, clock.now()));
                if (store
                    .events()
                    .markRouted(scope, e.id(), EventStatus.PROCESSING, tasks, clock.now())) {
                  winners.merge(
                      e.id(),
                      tasks.stream().map(DeliveryTask::id).toList(),
                      (x, y) -> {
                        throw new AssertionError("two winners for " + e.id());
                      });
                }
              }
              return null;
            });
    assertThat(winners).hasSize(events.size());
    for (EventRecord e : events) {
      assertThat(store.deliveries().tasksForEvent(scope, e.id()))
          .extracting(DeliveryTask::id)
          .containsExactlyElementsOf(winners.get(e.id()));
    }
  }

  @Test
  void insertRoutedStoresTheEventWithItsTasksAndNeverAsUnrouted() {
    Route r = route(scope);
    Instant at = clock.now();
    EventRecord e =
        fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
            .withRouted(EventStatus.PROCESSING, at);
    DeliveryTask t1 = fx.task(r, e.id(), NEVER, at);
    DeliveryTask t2 = fx.task(r, e.id(), NEVER, at);
    store.events().insertRouted(e, List.of(t1, t2));

    EventRecord stored = store.events().find(scope, e.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(EventStatus.PROCESSING);
    assertThat(stored.routedAt()).isEqualTo(at);
    assertThat(store.deliveries().tasksForEvent(scope, e.id()))
        .extracting(DeliveryTask::id)
        .containsExactly(t1.id(), t2.id());
    assertThat(unrouted(at.plusSeconds(3600), Set.of(e.id()))).isEmpty();
    assertThat(
            store
                .events()
                .markRouted(
                    scope,
                    e.id(),
                    EventStatus.PROCESSING,
                    List.of(fx.task(r, e.id(), NEVER, at)),
                    at))
        .isFalse();
    assertThat(store.deliveries().tasksForEvent(scope, e.id())).hasSize(2);
  }

  @Test
  void insertRoutedWritesNothingWhenTheEventOrATaskIdIsTaken() {
    Route r = route(scope);
    Instant at = clock.now();
    EventRecord taken =
        fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
            .withRouted(EventStatus.RECEIVED, at);
    store.events().insertRouted(taken, List.of());
    DeliveryTask orphan = fx.task(r, taken.id(), NEVER, at);
    assertConflict(() -> store.events().insertRouted(taken, List.of(orphan)));
    assertThat(store.deliveries().findTask(scope, orphan.id())).isEmpty();

    DeliveryTask existing = fx.task(r, taken.id(), NEVER, at);
    store.deliveries().insertTasks(List.of(existing));
    EventRecord fresh =
        fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
            .withRouted(EventStatus.PROCESSING, at);
    assertConflict(
        () ->
            store
                .events()
                .insertRouted(fresh, List.of(fx.task(r, fresh.id(), NEVER, at), existing)));
    assertThat(store.events().find(scope, fresh.id())).isEmpty();
    assertThat(store.deliveries().tasksForEvent(scope, fresh.id())).isEmpty();
    retire(existing);
  }

  @Test
  void aReaderNeverSeesARoutedEventWithoutItsTasks() throws Exception {
    Route r = route(scope);
    int writers = 4;
    int perWriter = 100;
    List<String> written = new CopyOnWriteArrayList<>();
    CountDownLatch writing = new CountDownLatch(writers);
    List<List<String>> results =
        Concurrently.run(
            writers + 1,
            i ->
                () -> {
                  List<String> seenWithoutTasks = new ArrayList<>();
                  if (i < writers) {
                    try {
                      for (int n = 0; n < perWriter; n++) {
                        EventRecord e =
                            fx.event(scope, ids.next("evt"), r.sourceId(), "{}", clock.now())
                                .withRouted(EventStatus.PROCESSING, clock.now());
                        written.add(e.id());
                        store
                            .events()
                            .insertRouted(e, List.of(fx.task(r, e.id(), NEVER, clock.now())));
                      }
                    } finally {
                      writing.countDown();
                    }
                  } else {
                    while (writing.getCount() > 0) {
                      for (String id : List.copyOf(written)) {
                        if (store.events().find(scope, id).isPresent()
                            && store.deliveries().tasksForEvent(scope, id).isEmpty()) {
                          seenWithoutTasks.add(id);
                        }
                      }
                    }
                  }
                  return seenWithoutTasks;
                });
    assertThat(results).allSatisfy(seen -> assertThat(seen).isEmpty());
    assertThat(written)
        .hasSize(writers * perWriter)
        .allSatisfy(id -> assertThat(store.deliveries().tasksForEvent(scope, id)).hasSize(1));
  }

  @Test
  void purgeBeforeDeletesOldEventsWithTheirTasksAndAttemptsOldestFirst() {
    Instant now = clock.now();
    Route r = route(scope);
    Route o = route(other);
    EventRecord old1 = event(r, now.minus(Duration.ofDays(40)));
    EventRecord old2 = event(r, now.minus(Duration.ofDays(35)));
    EventRecord old3 = event(r, now.minus(Duration.ofDays(31)));
    EventRecord recent = event(r, now.minus(Duration.ofDays(29)));
    EventRecord otherOld = event(o, now.minus(Duration.ofDays(40)));
    DeliveryTask oldTask = taskWithAttempt(r, old1);
    DeliveryTask recentTask = taskWithAttempt(r, recent);
    Instant cutoff = now.minus(Duration.ofDays(30));

    List<List<String>> archived = new ArrayList<>();
    Consumer<List<EventRecord>> archive =
        batch -> archived.add(batch.stream().map(EventRecord::id).toList());
    assertThat(store.events().purgeBefore(scope, cutoff, 2, archive))
        .extracting(EventRecord::id)
        .containsExactly(old1.id(), old2.id());
    assertThat(archived).containsExactly(List.of(old1.id(), old2.id()));
    assertThat(store.events().find(scope, old1.id())).isEmpty();
    assertThat(store.deliveries().findTask(scope, oldTask.id())).isEmpty();
    assertThat(store.deliveries().tasksForEvent(scope, old1.id())).isEmpty();
    assertThat(
            store
                .deliveries()
                .listAttempts(
                    scope,
                    new AttemptQuery(old1.id(), null, null, null, null),
                    PageRequest.first(10))
                .items())
        .isEmpty();

    assertThat(store.events().purgeBefore(scope, cutoff, 2, archive))
        .extracting(EventRecord::id)
        .containsExactly(old3.id());
    assertThat(store.events().purgeBefore(scope, cutoff, 2, archive)).isEmpty();
    assertThat(archived).hasSize(2);

    assertThat(store.events().find(scope, recent.id())).isPresent();
    assertThat(store.deliveries().findTask(scope, recentTask.id())).isPresent();
    assertThat(
            store
                .deliveries()
                .listAttempts(
                    scope,
                    new AttemptQuery(recent.id(), null, null, null, null),
                    PageRequest.first(10))
                .items())
        .hasSize(1);
    assertThat(store.events().find(other, otherOld.id())).isPresent();
  }

  @Test
  void concurrentPurgesNeverReturnTheSameEvent() throws Exception {
    Route r = route(scope);
    Set<String> expired = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      expired.add(event(r, clock.now().minus(Duration.ofDays(40)).plusSeconds(i)).id());
    }
    List<List<String>> perThread =
        Concurrently.run(
            4,
            i ->
                () -> {
                  List<String> mine = new ArrayList<>();
                  List<EventRecord> batch;
                  do {
                    batch =
                        store
                            .events()
                            .purgeBefore(scope, clock.now().minus(Duration.ofDays(30)), 3, b -> {});
                    batch.forEach(e -> mine.add(e.id()));
                  } while (!batch.isEmpty());
                  return mine;
                });
    List<String> all = perThread.stream().flatMap(List::stream).toList();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).isEqualTo(expired);
  }

  @Test
  void purgeBeforeDeletesNothingWhenTheArchiveFails() {
    Route r = route(scope);
    EventRecord old = event(r, clock.now().minus(Duration.ofDays(40)));
    assertThatThrownBy(
            () ->
                store
                    .events()
                    .purgeBefore(
                        scope,
                        clock.now(),
                        10,
                        batch -> {
                          throw new IllegalStateException("archive unavailable");
                        }))
        .hasMessageContaining("archive unavailable");
    assertThat(store.events().find(scope, old.id())).isPresent();
  }

  private List<String> unrouted(Instant before, Set<String> mine) {
    return store.events().findUnrouted(before, 1000).stream()
        .map(EventRecord::id)
        .filter(mine::contains)
        .toList();
  }

  private List<String> query(EventQuery q) {
    return pageAll(p -> store.events().list(scope, q, p), 3, EventRecord::id);
  }

  private static List<String> idsNewestFirst(
      List<EventRecord> events, BiPredicate<Integer, EventRecord> keep) {
    return IntStream.range(0, events.size())
        .filter(i -> keep.test(i, events.get(i)))
        .mapToObj(i -> events.get(i).id())
        .sorted(Comparator.reverseOrder())
        .toList();
  }
}
