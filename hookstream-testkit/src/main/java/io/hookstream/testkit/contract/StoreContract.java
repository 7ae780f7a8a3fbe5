package io.hookstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.NodeRecord;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.testkit.contract.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} must pass. Extend it and implement {@link #createStore}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends StoreContract {
 *   protected Store createStore(ManualClock clock) { return new MyStore(dataSource, clock); }
 * }
 * }</pre>
 *
 * <p>{@link #createStore} is called once before every test with that test's clock; override
 * {@link #releaseStore} to close or clean up after each test. Every test works in organizations and
 * environments with fresh ids, so the suite also runs against a database shared by several
 * tests or runs. The tests of cross-tenant operations (claims, the recovery sweep, stale issues)
 * look only at their own rows and use instants in their own past windows, so rows left by other
 * tests do not disturb them.
 */
public abstract class StoreContract {

  /**
   * Next attempt of the tasks of claim tests: older than any task other tests leave behind, so
   * they come first in a claim even on a shared database.
   */
  private static final Instant ANCIENT = Instant.parse("1990-01-01T00:00:00Z");
  /** Next attempt of tasks that must never become due. */
  private static final Instant NEVER = Instant.parse("3000-01-01T00:00:00Z");

  /** The clock of the current test, at 2026-01-01T00:00:00Z when the test starts. */
  protected ManualClock clock;
  /** The store under test, created for the current test. */
  protected Store store;

  private final ContractIds ids = new ContractIds();
  private final StoreFixtures fx = new StoreFixtures(ids);
  private Scope scope;
  private Scope other;
  /** Pending tasks of per-destination claim tests, cancelled after the test. */
  private final List<DeliveryTask> leftovers = new ArrayList<>();

  /** Creates the store under test; called once per test, before it runs. */
  protected abstract Store createStore(ManualClock clock);

  /** Called once after each test; closes or cleans up what {@link #createStore} made. */
  protected void releaseStore(Store store) throws Exception {}

  @BeforeEach
  final void createStoreAndScopes() {
    clock = new ManualClock();
    store = createStore(clock);
    scope = newScope();
    other = newScope();
  }

  @AfterEach
  final void release() throws Exception {
    try {
      for (DeliveryTask t : leftovers) {
        DeliveryTask stored = store.deliveries().findTask(t.scope(), t.id()).orElseThrow();
        if (stored.status() == TaskStatus.PENDING) {
          retire(stored);
        }
      }
    } finally {
      releaseStore(store);
    }
  }

  private Scope newScope() {
    Instant now = clock.now();
    Organization org = new Organization(ids.next("org"), "contract org", now);
    store.organizations().insert(org);
    Environment env = new Environment(ids.next("env"), org.id(), "production", 30, now);
    store.organizations().insertEnvironment(env);
    return env.scope();
  }

  // ---------------------------------------------------------------- organizations

  @Test
  void organizationsAndEnvironments() {
    Organization org = store.organizations().find(scope.orgId()).orElseThrow();
    assertThat(org.name()).isEqualTo("contract org");
    assertThat(store.organizations().findEnvironment(scope.orgId(), scope.envId()))
        .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("production"));
    assertThat(store.organizations().findEnvironment(other.orgId(), scope.envId())).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    Environment staging =
        new Environment(ids.next("env"), scope.orgId(), "staging", 7, clock.now());
    store.organizations().insertEnvironment(staging);
    assertThat(store.organizations().listEnvironments(scope.orgId()))
        .extracting(Environment::id).containsExactly(scope.envId(), staging.id());

    Environment sameName =
        new Environment(ids.next("env"), scope.orgId(), "staging", 7, clock.now());
    assertConflict(() -> store.organizations().insertEnvironment(sameName));
    store.organizations().insertEnvironment(
        new Environment(ids.next("env"), other.orgId(), "staging", 7, clock.now()));
    assertThat(store.organizations().listEnvironments(scope.orgId())).hasSize(2);

    List<String> listed = store.organizations().list().stream().map(Organization::id)
        .filter(id -> id.equals(scope.orgId()) || id.equals(other.orgId())).toList();
    assertThat(listed).containsExactly(scope.orgId(), other.orgId());
  }

  // ---------------------------------------------------------------- sources, destinations, connections

  @Test
  void sourcesInsertFindUpdateDelete() {
    assertCrud(sources());
  }

  @Test
  void destinationsInsertFindUpdateDelete() {
    assertCrud(destinations());
  }

  @Test
  void connectionsInsertFindUpdateDelete() {
    assertCrud(connections());
  }

  @Test
  void sourcesAreIsolatedByScope() {
    assertIsolated(sources());
    SourceRecord s = fx.source(scope, "iso", clock.now());
    store.sources().insert(s);
    assertThat(store.sources().findForIngest(s.id())).isPresent();
    assertThat(store.sources().countEvents(other, s.id())).isZero();
  }

  @Test
  void destinationsAreIsolatedByScope() {
    assertIsolated(destinations());
  }

  @Test
  void connectionsAreIsolatedByScope() {
    assertIsolated(connections());
    Route r = route(scope);
    assertThat(store.connections().listForSource(other, r.sourceId())).isEmpty();
    assertThat(store.connections().list(other, r.sourceId(), null, PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  void sourcesPageNewestFirst() {
    assertPaging(sources());
  }

  @Test
  void destinationsPageNewestFirst() {
    assertPaging(destinations());
  }

  @Test
  void connectionsPageNewestFirst() {
    assertPaging(connections());
  }

  @Test
  void sourceVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(sources());
  }

  @Test
  void destinationVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(destinations());
  }

  @Test
  void connectionVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(connections());
  }

  @Test
  void sourceSlugsAreUniqueAmongLiveSources() {
    assertSlugUnique(sources());
  }

  @Test
  void destinationSlugsAreUniqueAmongLiveDestinations() {
    assertSlugUnique(destinations());
  }

  @Test
  void deletedSourcesAndDestinationsStayReadableAcrossTenants() {
    SourceRecord s = fx.source(scope, "gone", clock.now());
    DestinationRecord d = fx.destination(scope, "gone", clock.now());
    store.sources().insert(s);
    store.destinations().insert(d);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.sources().delete(scope, s.id(), clock.now())).isTrue();
    assertThat(store.destinations().delete(scope, d.id(), clock.now())).isTrue();

    assertThat(store.sources().findForIngest(s.id()))
        .hasValueSatisfying(x -> assertThat(x.deletedAt()).isEqualTo(clock.now()));
    assertThat(store.destinations().findById(d.id()))
        .hasValueSatisfying(x -> assertThat(x.deletedAt()).isEqualTo(clock.now()));
    assertThat(store.sources().findForIngest(ids.next("src"))).isEmpty();
    assertThat(store.destinations().findById(ids.next("dst"))).isEmpty();
  }

  @Test
  void connectionsFilterBySourceAndDestination() {
    Route a = route(scope);
    DestinationRecord d2 = fx.destination(scope, "second", clock.now());
    store.destinations().insert(d2);
    ConnectionRecord c2 = fx.connection(scope, ids.next("conn"), "second", a.sourceId(),
        d2.id(), 1, clock.now());
    store.connections().insert(c2);
    Route b = route(scope);

    assertThat(store.connections().listForSource(scope, a.sourceId()))
        .extracting(ConnectionRecord::id)
        .containsExactlyInAnyOrder(a.connectionId(), c2.id());
    assertThat(store.connections().list(scope, a.sourceId(), null, PageRequest.first(10))
        .items()).extracting(ConnectionRecord::id).containsExactly(c2.id(), a.connectionId());
    assertThat(store.connections().list(scope, null, d2.id(), PageRequest.first(10)).items())
        .extracting(ConnectionRecord::id).containsExactly(c2.id());
    assertThat(store.connections().list(scope, b.sourceId(), d2.id(), PageRequest.first(10))
        .items()).isEmpty();
    assertThat(store.connections().list(scope, null, null, PageRequest.first(10)).items())
        .extracting(ConnectionRecord::id)
        .containsExactly(b.connectionId(), c2.id(), a.connectionId());

    store.connections().delete(scope, c2.id(), clock.now());
    assertThat(store.connections().listForSource(scope, a.sourceId()))
        .extracting(ConnectionRecord::id).containsExactly(a.connectionId());
  }

  // ---------------------------------------------------------------- events

  @Test
  void eventsInsertFindAndUpdateStatus() {
    Route r = route(scope);
    EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{\"n\":1}", clock.now());
    store.events().insert(e);

    EventRecord found = store.events().find(scope, e.id()).orElseThrow();
    assertThat(found.body()).isEqualTo("{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    assertThat(store.events().updateStatus(scope, ids.next("evt"), EventStatus.FAILED,
        clock.now())).isFalse();
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
    assertThat(store.events().list(other, EventQuery.ALL, PageRequest.first(10)).items())
        .isEmpty();
    assertThat(store.events().updateStatus(other, e.id(), EventStatus.FAILED, clock.now()))
        .isFalse();
    assertThat(store.events().markRouted(other, e.id(), EventStatus.PROCESSING, List.of(t),
        clock.now())).isFalse();
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
      EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{\"i\":" + i + "}",
          clock.now());
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
    List<List<String>> results = Concurrently.run(writers + 1, i -> () -> {
      if (i == writers) {
        return pageAll(p -> store.events().list(scope, EventQuery.ALL, p), 7, EventRecord::id);
      }
      // Writers insert ids interleaved with the existing ones, in the middle of the range.
      for (int k = i; k < concurrent.size(); k += writers) {
        store.events().insert(fx.event(scope, concurrent.get(k), r.sourceId(), "{}",
            clock.now()));
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

    assertThat(pageAll(p -> store.events().list(scope,
        new EventQuery(a.sourceId(), null, null, null, null), p), 4, EventRecord::id))
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
    EventRecord older = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", window.plusSeconds(20));
    EventRecord newer = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", window.plusSeconds(30));
    EventRecord first = fx.event(other, ids.next("evt"), o.sourceId(), "{}", window.plusSeconds(10));
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
    assertThat(store.events().markRouted(scope, older.id(), EventStatus.PROCESSING,
        List.of(t1, t2), clock.now())).isTrue();
    assertThat(store.events().markRouted(scope, older.id(), EventStatus.PROCESSING,
        List.of(fx.task(r, older.id(), NEVER, clock.now())), clock.now())).isFalse();
    assertThat(store.events().markRouted(scope, ids.next("evt"), EventStatus.PROCESSING,
        List.of(), clock.now())).isFalse();
    EventRecord routed = store.events().find(scope, older.id()).orElseThrow();
    assertThat(routed.routedAt()).isEqualTo(clock.now());
    assertThat(routed.status()).isEqualTo(EventStatus.PROCESSING);
    assertThat(store.deliveries().tasksForEvent(scope, older.id()))
        .extracting(DeliveryTask::id).containsExactly(t1.id(), t2.id());

    assertThat(unrouted(bound, mine)).containsExactly(first.id(), newer.id());
    assertThat(store.events().markRouted(other, first.id(), EventStatus.RECEIVED, List.of(),
        clock.now())).isTrue();
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
    Concurrently.run(threads, i -> () -> {
      for (EventRecord e : events) {
        List<DeliveryTask> tasks = List.of(fx.task(r, e.id(), NEVER, clock.now()),
            fx.task(r, e.id(), NEVER, clock.now()));
        if (store.events().markRouted(scope, e.id(), EventStatus.PROCESSING, tasks,
            clock.now())) {
          winners.merge(e.id(), tasks.stream().map(DeliveryTask::id).toList(),
              (x, y) -> { throw new AssertionError("two winners for " + e.id()); });
        }
      }
      return null;
    });
    assertThat(winners).hasSize(events.size());
    for (EventRecord e : events) {
      assertThat(store.deliveries().tasksForEvent(scope, e.id()))
          .extracting(DeliveryTask::id).containsExactlyElementsOf(winners.get(e.id()));
    }
  }

  @Test
  void insertRoutedStoresTheEventWithItsTasksAndNeverAsUnrouted() {
    Route r = route(scope);
    Instant at = clock.now();
    EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
        .withRouted(EventStatus.PROCESSING, at);
    DeliveryTask t1 = fx.task(r, e.id(), NEVER, at);
    DeliveryTask t2 = fx.task(r, e.id(), NEVER, at);
    store.events().insertRouted(e, List.of(t1, t2));

    EventRecord stored = store.events().find(scope, e.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(EventStatus.PROCESSING);
    assertThat(stored.routedAt()).isEqualTo(at);
    assertThat(store.deliveries().tasksForEvent(scope, e.id()))
        .extracting(DeliveryTask::id).containsExactly(t1.id(), t2.id());
    assertThat(unrouted(at.plusSeconds(3600), Set.of(e.id()))).isEmpty();
    assertThat(store.events().markRouted(scope, e.id(), EventStatus.PROCESSING,
        List.of(fx.task(r, e.id(), NEVER, at)), at)).isFalse();
    assertThat(store.deliveries().tasksForEvent(scope, e.id())).hasSize(2);
  }

  @Test
  void insertRoutedWritesNothingWhenTheEventOrATaskIdIsTaken() {
    Route r = route(scope);
    Instant at = clock.now();
    EventRecord taken = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
        .withRouted(EventStatus.RECEIVED, at);
    store.events().insertRouted(taken, List.of());
    DeliveryTask orphan = fx.task(r, taken.id(), NEVER, at);
    assertConflict(() -> store.events().insertRouted(taken, List.of(orphan)));
    assertThat(store.deliveries().findTask(scope, orphan.id())).isEmpty();

    DeliveryTask existing = fx.task(r, taken.id(), NEVER, at);
    store.deliveries().insertTasks(List.of(existing));
    EventRecord fresh = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", at)
        .withRouted(EventStatus.PROCESSING, at);
    assertConflict(() -> store.events().insertRouted(fresh,
        List.of(fx.task(r, fresh.id(), NEVER, at), existing)));
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
    List<List<String>> results = Concurrently.run(writers + 1, i -> () -> {
      List<String> seenWithoutTasks = new ArrayList<>();
      if (i < writers) {
        try {
          for (int n = 0; n < perWriter; n++) {
            EventRecord e = fx.event(scope, ids.next("evt"), r.sourceId(), "{}", clock.now())
                .withRouted(EventStatus.PROCESSING, clock.now());
            written.add(e.id());
            store.events().insertRouted(e, List.of(fx.task(r, e.id(), NEVER, clock.now())));
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
    assertThat(written).hasSize(writers * perWriter)
        .allSatisfy(id -> assertThat(store.deliveries().tasksForEvent(scope, id)).hasSize(1));
  }

  // ---------------------------------------------------------------- delivery tasks

  @Test
  void claimsTakeDueTasksOldestFirstAndSkipExcludedDestinations() {
    Instant now = ANCIENT.plus(Duration.ofDays(1));
    Route r = route(scope);
    Route excluded = route(scope);
    EventRecord e = event(r, now);
    DeliveryTask due2 = fx.task(r, e.id(), now.minusSeconds(300), now);
    DeliveryTask due1 = fx.task(r, e.id(), now.minusSeconds(100), now);
    DeliveryTask due3 = fx.task(r, e.id(), now, now); // due at exactly now
    DeliveryTask later = fx.task(r, e.id(), now.plusSeconds(1), now);
    DeliveryTask skipped = fx.task(excluded, e.id(), now.minusSeconds(500), now);
    store.deliveries().insertTasks(List.of(due1, due2, due3, later, skipped));
    Set<String> mine = Set.of(due1.id(), due2.id(), due3.id(), later.id(), skipped.id());

    List<DeliveryTask> claimed = store.deliveries().claimDue("node-a", now,
        now.plusSeconds(60), 100, List.of(excluded.destinationId()));
    assertThat(claimed.stream().filter(t -> mine.contains(t.id())).map(DeliveryTask::id))
        .containsExactly(due2.id(), due1.id(), due3.id());
    assertThat(claimed).allSatisfy(t -> {
      assertThat(t.leaseOwner()).isEqualTo("node-a");
      assertThat(t.leaseExpiresAt()).isEqualTo(now.plusSeconds(60));
    });
    DeliveryTask stored = store.deliveries().findTask(scope, due2.id()).orElseThrow();
    assertThat(stored.leaseOwner()).isEqualTo("node-a");
    assertThat(stored.version()).isEqualTo(due2.version() + 1);
    assertThat(ours(store.deliveries().claimDue("node-b", now, now.plusSeconds(60), 100,
        List.of()), mine)).containsExactly(skipped.id());
    assertThat(ours(store.deliveries().claimDue("node-b", now.plusSeconds(1),
        now.plusSeconds(60), 100, List.of()), mine)).containsExactly(later.id());
  }

  @Test
  void claimLimitIsRespected() {
    Instant now = ANCIENT.plus(Duration.ofDays(2));
    Route r = route(scope);
    EventRecord e = event(r, now);
    List<DeliveryTask> tasks = IntStream.range(0, 5)
        .mapToObj(i -> fx.task(r, e.id(), now.minusSeconds(10 - i), now)).toList();
    store.deliveries().insertTasks(tasks);
    Set<String> mine = tasks.stream().map(DeliveryTask::id).collect(Collectors.toSet());
    List<DeliveryTask> first = store.deliveries().claimDue("a", now, now.plusSeconds(30), 2,
        List.of());
    assertThat(first).hasSize(2);
    List<String> rest = claimAllOf(mine, "b", now, now.plusSeconds(30));
    List<String> all = new ArrayList<>(ours(first, mine));
    all.addAll(rest);
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(mine);
  }

  @Test
  void concurrentClaimsHandEachTaskToExactlyOneCaller() throws Exception {
    Instant now = ANCIENT.plus(Duration.ofDays(3));
    Route r = route(scope);
    EventRecord e = event(r, now);
    List<DeliveryTask> tasks = IntStream.range(0, 2000)
        .mapToObj(i -> fx.task(r, e.id(), now.minusMillis(i), now)).toList();
    store.deliveries().insertTasks(tasks);
    Set<String> mine = tasks.stream().map(DeliveryTask::id).collect(Collectors.toSet());

    int threads = 8;
    List<List<String>> perThread = Concurrently.run(threads,
        i -> () -> claimAllOf(mine, "node-" + i, now, NEVER));
    List<String> all = perThread.stream().flatMap(List::stream).toList();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).isEqualTo(mine);
    for (int i = 0; i < threads; i++) {
      String owner = "node-" + i;
      for (String id : perThread.get(i)) {
        assertThat(store.deliveries().findTask(scope, id).orElseThrow().leaseOwner())
            .isEqualTo(owner);
      }
    }
  }

  @Test
  void expiredLeasesMakeTasksClaimableAndOnlyTheOwnerSettles() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));
    Set<String> mine = Set.of(task.id());

    DeliveryTask claimedByA = only(claim("node-a", Duration.ofSeconds(30)), mine);
    assertThat(ours(claim("node-b", Duration.ofSeconds(30)), mine)).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(ours(claim("node-b", Duration.ofSeconds(30)), mine)).isEmpty();
    assertThat(store.deliveries().renewLeases("node-b", List.of(task.id()),
        clock.now().plusSeconds(30))).isZero();

    clock.advance(Duration.ofSeconds(1)); // the lease ends now
    DeliveryTask claimedByB = only(claim("node-b", Duration.ofSeconds(30)), mine);
    assertThat(claimedByB.leaseOwner()).isEqualTo("node-b");

    DeliveryTask done = claimedByA.settled(TaskStatus.SUCCEEDED, 1, clock.now(), clock.now());
    AttemptRecord lostAttempt = fx.attempt(claimedByA, 1, "success", false, clock.now());
    assertThat(store.deliveries().settle("node-a", done, lostAttempt)).isFalse();
    assertThat(store.deliveries().findAttempt(scope, lostAttempt.id())).isEmpty();
    assertThat(store.deliveries().renewLeases("node-a", List.of(task.id()),
        clock.now().plusSeconds(60))).isZero();
    assertThat(store.deliveries().renewLeases("node-b", List.of(task.id()),
        clock.now().plusSeconds(60))).isEqualTo(1);
    clock.advance(Duration.ofSeconds(45)); // past the first lease, inside the renewed one
    assertThat(ours(claim("node-c", Duration.ofSeconds(30)), mine)).isEmpty();

    DeliveryTask renewed = store.deliveries().findTask(scope, task.id()).orElseThrow();
    assertThat(renewed.leaseExpiresAt()).isEqualTo(clock.now().plusSeconds(15));
    DeliveryTask settled = renewed.settled(TaskStatus.SUCCEEDED, 1, renewed.nextAttemptAt(),
        clock.now());
    AttemptRecord attempt = fx.attempt(renewed, 1, "success", false, clock.now());
    assertThat(store.deliveries().settle("node-b", settled, attempt)).isTrue();
    DeliveryTask stored = store.deliveries().findTask(scope, task.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(stored.leaseOwner()).isNull();
    assertThat(store.deliveries().findAttempt(scope, attempt.id())).isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(ours(claim("node-c", Duration.ofSeconds(30)), mine)).isEmpty();
  }

  @Test
  void settledRetryBecomesDueAtItsNextAttempt() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));
    Set<String> mine = Set.of(task.id());

    DeliveryTask claimed = only(claim("node-a", Duration.ofMinutes(5)), mine);
    DeliveryTask retry = claimed.settled(TaskStatus.PENDING, 1,
        clock.now().plus(Duration.ofMinutes(10)), clock.now());
    assertThat(store.deliveries().settle("node-a", retry,
        fx.attempt(claimed, 1, "failed", false, clock.now()))).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(ours(claim("node-a", Duration.ofMinutes(5)), mine)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    DeliveryTask again = only(claim("node-b", Duration.ofMinutes(5)), mine);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.leaseOwner()).isEqualTo("node-b");
    retire(task);
  }

  // ---------------------------------------------------------------- retention

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
        .extracting(EventRecord::id).containsExactly(old1.id(), old2.id());
    assertThat(archived).containsExactly(List.of(old1.id(), old2.id()));
    assertThat(store.events().find(scope, old1.id())).isEmpty();
    assertThat(store.deliveries().findTask(scope, oldTask.id())).isEmpty();
    assertThat(store.deliveries().tasksForEvent(scope, old1.id())).isEmpty();
    assertThat(store.deliveries().listAttempts(scope,
        new AttemptQuery(old1.id(), null, null, null, null), PageRequest.first(10)).items())
        .isEmpty();

    assertThat(store.events().purgeBefore(scope, cutoff, 2, archive))
        .extracting(EventRecord::id).containsExactly(old3.id());
    assertThat(store.events().purgeBefore(scope, cutoff, 2, archive)).isEmpty();
    assertThat(archived).hasSize(2);

    assertThat(store.events().find(scope, recent.id())).isPresent();
    assertThat(store.deliveries().findTask(scope, recentTask.id())).isPresent();
    assertThat(store.deliveries().listAttempts(scope,
        new AttemptQuery(recent.id(), null, null, null, null), PageRequest.first(10)).items())
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
    List<List<String>> perThread = Concurrently.run(4, i -> () -> {
      List<String> mine = new ArrayList<>();
      List<EventRecord> batch;
      do {
        batch = store.events().purgeBefore(scope, clock.now().minus(Duration.ofDays(30)), 3,
            b -> { });
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
    assertThatThrownBy(() -> store.events().purgeBefore(scope, clock.now(), 10, batch -> {
      throw new IllegalStateException("archive unavailable");
    })).hasMessageContaining("archive unavailable");
    assertThat(store.events().find(scope, old.id())).isPresent();
  }

  // ---------------------------------------------------------------- per-destination claims

  @Test
  void destinationClaimTakesLowestSequenceFirstUpToTheLimit() {
    Route a = route(scope);
    Route b = route(scope);
    insertReversed(a, 5);
    insertReversed(b, 5);
    Instant now = clock.now();
    List<DeliveryTask> got = destinationClaim(a, "n1", 3, 10, false, null);
    assertThat(got).extracting(DeliveryTask::sequence).containsExactly(96L, 97L, 98L);
    assertThat(got).allSatisfy(t -> {
      assertThat(t.destinationId()).isEqualTo(a.destinationId());
      assertThat(t.leaseOwner()).isEqualTo("n1");
      assertThat(t.leaseExpiresAt()).isEqualTo(now.plusSeconds(60));
    });
    DeliveryTask stored = store.deliveries().findTask(scope, got.get(0).id()).orElseThrow();
    assertThat(stored.leaseOwner()).isEqualTo("n1");
    assertThat(stored.version()).isEqualTo(2);
  }

  @Test
  void claimDeliveriesReturnsEachTaskWithItsEventsBodyStatusAndTaskCount() {
    Route a = route(scope);
    Route b = route(scope);
    EventRecord fanOut = event(a, clock.now());
    EventRecord single = event(a, clock.now());
    DeliveryTask first = withSequence(fx.task(a, fanOut.id(), clock.now(), clock.now()), 1);
    DeliveryTask other = fx.task(b, fanOut.id(), clock.now(), clock.now());
    DeliveryTask alone = withSequence(fx.task(a, single.id(), clock.now(), clock.now()), 2);
    DeliveryTask orphan = withSequence(fx.task(a, ids.next("evt"), clock.now(), clock.now()), 3);
    store.deliveries().insertTasks(List.of(first, other, alone, orphan));
    leftovers.addAll(List.of(first, other, alone, orphan));

    List<ClaimedTask> got = store.deliveries().claimDeliveries(new DestinationClaim(
        a.destinationId(), "n1", clock.now(), clock.now().plusSeconds(60), 10, 10, false, null));

    assertThat(got).extracting(c -> c.task().id())
        .containsExactly(first.id(), alone.id(), orphan.id());
    assertThat(got).allSatisfy(c -> assertThat(c.task().leaseOwner()).isEqualTo("n1"));
    assertThat(got.get(0).eventStatus()).isEqualTo(EventStatus.PROCESSING);
    assertThat(got.get(0).body()).isEqualTo(fanOut.body());
    assertThat(got.get(0).contentType()).isEqualTo(fanOut.contentType());
    assertThat(got.get(0).bodyBlobKey()).isNull();
    assertThat(got.get(0).eventTaskCount()).isEqualTo(2);
    assertThat(got.get(1).eventTaskCount()).isEqualTo(1);
    assertThat(got.get(2).eventExists()).isFalse();
    assertThat(got.get(2).eventTaskCount()).isZero();
    assertThat(store.deliveries().claimDeliveries(new DestinationClaim(a.destinationId(), "n2",
        clock.now(), clock.now().plusSeconds(60), 10, 10, false, null))).isEmpty();
  }

  @Test
  void claimDeliveriesCarriesTheEventsSourceReceivedTimeMethodAndHeaders() {
    Route r = route(scope);
    Instant received = clock.now().minusSeconds(5);
    EventRecord e = event(r, received);
    DeliveryTask task = fx.task(r, e.id(), clock.now(), clock.now());
    store.deliveries().insertTasks(List.of(task));
    leftovers.add(task);

    ClaimedTask got = store.deliveries().claimDeliveries(new DestinationClaim(
        r.destinationId(), "n1", clock.now(), clock.now().plusSeconds(60), 10, 10, false, null))
        .get(0);

    assertThat(got.event().sourceId()).isEqualTo(r.sourceId());
    assertThat(got.event().receivedAt()).isEqualTo(received);
    assertThat(got.event().method()).isEqualTo("POST");
    assertThat(got.event().headers()).isEqualTo(e.headers());
  }

  @Test
  void settleWithAnEventStatusWritesItInTheSameStepOnlyWhileTheLeaseHolds() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), clock.now(), clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask mine = destinationClaim(r, "n1", 1, 1, false, null).get(0);
    DeliveryTask done = mine.settled(TaskStatus.SUCCEEDED, 1, mine.nextAttemptAt(),
        clock.now().plusSeconds(1));

    assertThat(store.deliveries().settle("n2", done, fx.attempt(mine, 1, "success", false,
        clock.now()), EventStatus.DELIVERED)).isFalse();
    assertThat(store.events().find(scope, e.id()).orElseThrow().status())
        .isEqualTo(EventStatus.PROCESSING);

    AttemptRecord attempt = fx.attempt(mine, 1, "success", false, clock.now());
    assertThat(store.deliveries().settle("n1", done, attempt, EventStatus.DELIVERED)).isTrue();
    EventRecord stored = store.events().find(scope, e.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(EventStatus.DELIVERED);
    assertThat(stored.updatedAt()).isEqualTo(done.updatedAt());
    DeliveryTask settled = store.deliveries().findTask(scope, task.id()).orElseThrow();
    assertThat(settled.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(settled.leaseOwner()).isNull();
    assertThat(settled.version()).isEqualTo(done.version());
    assertThat(store.deliveries().findAttempt(scope, attempt.id())).isPresent();
  }

  @Test
  void destinationClaimMaxLeasedCountsLeasesOfEveryOwner() {
    Route a = route(scope);
    insertReversed(a, 10);
    assertThat(destinationClaim(a, "n1", 3, 4, false, null)).hasSize(3);
    assertThat(destinationClaim(a, "n2", 3, 4, false, null)).hasSize(1);
    assertThat(destinationClaim(a, "n3", 3, 4, false, null)).isEmpty();
  }

  @Test
  void destinationClaimSeesExpiredLeasesAsFreeAndTheirTasksAsDue() {
    Route a = route(scope);
    insertReversed(a, 2);
    assertThat(destinationClaim(a, "n1", 2, 2, false, null)).hasSize(2);
    assertThat(destinationClaim(a, "n2", 2, 2, false, null)).isEmpty();
    clock.advance(Duration.ofSeconds(60)); // the leases end at exactly now
    assertThat(destinationClaim(a, "n2", 5, 2, false, null)).hasSize(2)
        .allSatisfy(t -> assertThat(t.leaseOwner()).isEqualTo("n2"));
  }

  @Test
  void orderedDestinationClaimTakesOnlyTheHeadOfTheLineEvenWhenItIsNotDue() {
    Instant now = clock.now();
    Route o = route(scope);
    insertWithSequence(o, 1, now.plusSeconds(30), now); // retrying, not due yet
    insertWithSequence(o, 2, now, now);
    assertThat(destinationClaim(o, "n1", 5, 1, true, null)).isEmpty();

    Route p = route(scope);
    insertWithSequence(p, 1, now, now);
    insertWithSequence(p, 2, now, now);
    assertThat(destinationClaim(p, "n1", 5, 5, true, null)).extracting(DeliveryTask::sequence)
        .containsExactly(1L);
    // The head is leased: the next one still waits behind it.
    assertThat(destinationClaim(p, "n2", 5, 5, true, null)).isEmpty();
  }

  @Test
  void destinationClaimWithCreatedBeforeTakesOnlyOlderTasks() {
    Instant now = clock.now();
    Route a = route(scope);
    insertWithSequence(a, 1, now, now.minusSeconds(100));
    insertWithSequence(a, 2, now, now.minusSeconds(50));
    insertWithSequence(a, 3, now, now.minusSeconds(10));
    assertThat(destinationClaim(a, "n1", 5, 10, false, now.minusSeconds(50)))
        .extracting(DeliveryTask::sequence).containsExactly(1L, 2L);
  }

  @Test
  void dueDestinationsListsEachDestinationWithDueWorkOnceOldestFirst() {
    Instant now = clock.now();
    Route a = route(scope);
    Route b = route(other);
    Route later = route(scope);
    Route leased = route(scope);
    insertWithSequence(a, 1, now.minusSeconds(10), now);
    insertWithSequence(a, 2, now.minusSeconds(10), now);
    insertWithSequence(b, 1, now.minusSeconds(20), now);
    insertWithSequence(later, 1, now.plusSeconds(5), now);
    insertWithSequence(leased, 1, now, now);
    destinationClaim(leased, "n1", 1, 1, false, null);
    Set<String> mine = Set.of(a.destinationId(), b.destinationId(), later.destinationId(),
        leased.destinationId());

    assertThat(dueDestinations(now, List.of(), mine))
        .containsExactly(b.destinationId(), a.destinationId());
    assertThat(dueDestinations(now, List.of(b.destinationId()), mine))
        .containsExactly(a.destinationId());
    destinationClaim(b, "n1", 1, 1, false, null);
    assertThat(dueDestinations(now, List.of(), mine)).containsExactly(a.destinationId());
    assertThat(dueDestinations(now.plusSeconds(5), List.of(), mine)).contains(
        later.destinationId());
  }

  @Test
  void concurrentDestinationClaimsNeverShareATaskNorExceedMaxLeased() throws Exception {
    Route a = route(scope);
    insertReversed(a, 100);
    List<List<DeliveryTask>> got = Concurrently.run(8,
        i -> () -> destinationClaim(a, "n" + i, 10, 25, false, null));
    List<String> ids = got.stream().flatMap(List::stream).map(DeliveryTask::id).toList();
    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    for (int i = 0; i < got.size(); i++) {
      String owner = "n" + i;
      for (DeliveryTask t : got.get(i)) {
        assertThat(store.deliveries().findTask(scope, t.id()).orElseThrow().leaseOwner())
            .isEqualTo(owner);
      }
    }
  }

  @Test
  void concurrentOrderedClaimsLeaseOneTaskAtATime() throws Exception {
    Route o = route(scope);
    insertReversed(o, 10);
    List<List<DeliveryTask>> got = Concurrently.run(8,
        i -> () -> destinationClaim(o, "n" + i, 5, 1, true, null));
    assertThat(got.stream().mapToInt(List::size).sum()).isEqualTo(1);
    assertThat(got.stream().flatMap(List::stream).findFirst().orElseThrow().sequence())
        .isEqualTo(91L);
  }

  @Test
  void taskUpdatesAreVersionedAndCancelledTasksAreNotClaimed() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));

    DeliveryTask cancelled = task.settled(TaskStatus.CANCELLED, 0, task.nextAttemptAt(),
        clock.now());
    assertThat(store.deliveries().update(cancelled)).isTrue();
    assertThat(store.deliveries().update(cancelled)).isFalse(); // its version is stored now
    assertThat(store.deliveries().update(
        task.settled(TaskStatus.PENDING, 0, task.nextAttemptAt(), clock.now()))).isFalse();
    assertThat(ours(claim("node-a", Duration.ofMinutes(1)), Set.of(task.id()))).isEmpty();

    DeliveryTask retried = cancelled.settled(TaskStatus.PENDING, 0, ANCIENT, clock.now());
    assertThat(store.deliveries().update(retried)).isTrue();
    assertThat(only(claim("node-a", Duration.ofMinutes(1)), Set.of(task.id())).version())
        .isEqualTo(retried.version() + 1);
    assertConflict(() -> store.deliveries().insertTasks(List.of(task)));
    retire(task);
  }

  @Test
  void deliveriesAreIsolatedByScope() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask claimed = only(claim("node-a", Duration.ofMinutes(1)), Set.of(task.id()));
    AttemptRecord attempt = fx.attempt(claimed, 1, "failed", false, clock.now());
    assertThat(store.deliveries().settle("node-a",
        claimed.settled(TaskStatus.DEAD, 1, ANCIENT, clock.now()), attempt)).isTrue();

    assertThat(store.deliveries().findTask(other, task.id())).isEmpty();
    assertThat(store.deliveries().tasksForEvent(other, e.id())).isEmpty();
    assertThat(store.deliveries().findAttempt(other, attempt.id())).isEmpty();
    assertThat(store.deliveries().listAttempts(other, AttemptQuery.ALL, PageRequest.first(10))
        .items()).isEmpty();
    assertThat(store.deliveries().listAttempts(other,
        new AttemptQuery(e.id(), null, null, null, null), PageRequest.first(10)).items())
        .isEmpty();

    DeliveryTask current = store.deliveries().findTask(scope, task.id()).orElseThrow();
    DeliveryTask foreignUpdate = new DeliveryTask(task.id(), other.orgId(), other.envId(),
        e.id(), r.connectionId(), r.destinationId(), TaskStatus.CANCELLED, 0, clock.now(), null,
        null, null, null, 0, current.version() + 1, clock.now(), clock.now());
    assertThat(store.deliveries().update(foreignUpdate)).isFalse();
    assertThat(store.deliveries().findTask(scope, task.id()).orElseThrow().status())
        .isEqualTo(TaskStatus.DEAD);
  }

  @Test
  void attemptsListNewestFirstWithFilters() {
    Route a = route(scope);
    Route b = route(scope);
    EventRecord e1 = event(a, clock.now());
    EventRecord e2 = event(b, clock.now());
    List<AttemptRecord> attempts = new ArrayList<>();
    List<DeliveryTask> tasks = List.of(fx.task(a, e1.id(), ANCIENT, clock.now()),
        fx.task(b, e2.id(), ANCIENT, clock.now()));
    store.deliveries().insertTasks(tasks);
    Set<String> mine = tasks.stream().map(DeliveryTask::id).collect(Collectors.toSet());
    for (int n = 1; n <= 3; n++) {
      for (DeliveryTask claimed : claim("node-a", Duration.ofMinutes(1))) {
        if (!mine.contains(claimed.id())) {
          continue;
        }
        boolean last = n == 3;
        boolean toDlq = last && claimed.id().equals(tasks.get(1).id());
        String status = last && !toDlq ? "success" : "failed";
        AttemptRecord attempt = fx.attempt(claimed, n, status, toDlq, clock.now());
        TaskStatus next = !last ? TaskStatus.PENDING
            : toDlq ? TaskStatus.DEAD : TaskStatus.SUCCEEDED;
        assertThat(store.deliveries().settle("node-a",
            claimed.settled(next, n, ANCIENT, clock.now()), attempt)).isTrue();
        attempts.add(attempt);
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(attempts).hasSize(6);
    List<String> newestFirst = attempts.stream().map(AttemptRecord::id)
        .sorted(Comparator.reverseOrder()).toList();
    assertThat(pageAll(p -> store.deliveries().listAttempts(scope, AttemptQuery.ALL, p), 4,
        AttemptRecord::id)).containsExactlyElementsOf(newestFirst);
    assertThat(attemptIds(new AttemptQuery(e1.id(), null, null, null, null)))
        .containsExactlyElementsOf(newestFirstOf(attempts, x -> x.eventId().equals(e1.id())));
    assertThat(attemptIds(new AttemptQuery(null, b.connectionId(), null, null, null)))
        .containsExactlyElementsOf(newestFirstOf(attempts, x -> x.eventId().equals(e2.id())));
    assertThat(attemptIds(new AttemptQuery(null, null, a.destinationId(), "success", null)))
        .containsExactly(attempts.stream().filter(x -> x.succeeded()).findFirst()
            .orElseThrow().id());
    assertThat(attemptIds(new AttemptQuery(null, null, null, null, true)))
        .containsExactly(attempts.stream().filter(AttemptRecord::dlq).findFirst()
            .orElseThrow().id());
    assertThat(attemptIds(new AttemptQuery(null, null, null, "failed", false))).hasSize(4);
    assertThat(store.deliveries().tasksForEvent(scope, e2.id()))
        .singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.DEAD));
  }

  // ---------------------------------------------------------------- issues

  @Test
  void issuesFindActiveUpdateAndFindStale() {
    Instant window = Instant.parse("2010-01-01T00:00:00Z");
    DestinationRecord d = fx.destination(scope, "flaky", clock.now());
    store.destinations().insert(d);
    IssueRecord open = fx.issue(scope, d.id(), "http_5xx", "open", window);
    store.issues().insert(open);
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx"))
        .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(open.id()));
    assertThat(store.issues().findActive(scope, d.id(), "timeout")).isEmpty();
    assertThat(store.issues().findActive(other, d.id(), "http_5xx")).isEmpty();
    assertThat(store.issues().find(other, open.id())).isEmpty();

    IssueRecord grown = fx.issue(scope, open.id(), d.id(), "http_5xx", "acknowledged", 7,
        window.plusSeconds(60));
    assertThat(store.issues().update(grown)).isTrue();
    assertThat(store.issues().find(scope, open.id()).orElseThrow())
        .satisfies(i -> assertThat(i.occurrenceCount()).isEqualTo(7))
        .satisfies(i -> assertThat(i.status()).isEqualTo("acknowledged"));
    assertThat(store.issues().update(fx.issue(other, open.id(), d.id(), "http_5xx", "resolved",
        8, window))).isFalse();
    assertThat(store.issues().update(fx.issue(scope, ids.next("iss"), d.id(), "timeout", "open",
        1, window))).isFalse();

    IssueRecord timeout = fx.issue(scope, d.id(), "timeout", "open", window.plusSeconds(10));
    store.issues().insert(timeout);
    Set<String> mine = Set.of(open.id(), timeout.id());
    assertThat(stale(window.plusSeconds(61), mine))
        .containsExactlyInAnyOrder(timeout.id(), open.id());
    assertThat(stale(window.plusSeconds(60), mine)).containsExactly(timeout.id());

    IssueRecord resolved = fx.issue(scope, open.id(), d.id(), "http_5xx", "resolved", 7,
        window.plusSeconds(60));
    assertThat(store.issues().update(resolved)).isTrue();
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx")).isEmpty();
    assertThat(stale(window.plusSeconds(61), mine)).containsExactly(timeout.id());
    IssueRecord again = fx.issue(scope, d.id(), "http_5xx", "open", window.plusSeconds(90));
    store.issues().insert(again);
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx"))
        .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(again.id()));
    store.issues().update(fx.issue(scope, timeout.id(), d.id(), "timeout", "resolved", 1, window));
    store.issues().update(fx.issue(scope, again.id(), d.id(), "http_5xx", "resolved", 1, window));
  }

  @Test
  void onlyOneIssuePerDestinationAndErrorTypeIsActive() {
    DestinationRecord d = fx.destination(scope, "one", clock.now());
    store.destinations().insert(d);
    store.issues().insert(fx.issue(scope, d.id(), "http_5xx", "open", clock.now()));
    assertConflict(() -> store.issues().insert(
        fx.issue(scope, d.id(), "http_5xx", "acknowledged", clock.now())));
    store.issues().insert(fx.issue(scope, d.id(), "http_5xx", "resolved", clock.now()));
    store.issues().insert(fx.issue(other, d.id(), "http_5xx", "open", clock.now()));
  }

  @Test
  void issuesListNewestFirstWithFilters() {
    DestinationRecord d1 = fx.destination(scope, "d1", clock.now());
    DestinationRecord d2 = fx.destination(scope, "d2", clock.now());
    store.destinations().insert(d1);
    store.destinations().insert(d2);
    List<IssueRecord> issues = new ArrayList<>();
    String[] types = {"http_5xx", "http_4xx", "timeout", "network", "endpoint_gone"};
    for (int i = 0; i < 10; i++) {
      DestinationRecord d = i % 2 == 0 ? d1 : d2;
      IssueRecord issue = fx.issue(scope, d.id(), types[i / 2], i < 4 ? "resolved" : "open",
          clock.now());
      store.issues().insert(issue);
      issues.add(issue);
    }
    assertThat(pageAll(p -> store.issues().list(scope, null, null, p), 3, IssueRecord::id))
        .containsExactlyElementsOf(newestFirstOf(issues, i -> true));
    assertThat(pageAll(p -> store.issues().list(scope, "open", d1.id(), p), 3, IssueRecord::id))
        .containsExactlyElementsOf(newestFirstOf(issues,
            i -> i.status().equals("open") && i.destinationId().equals(d1.id())));
    assertThat(store.issues().list(other, null, null, PageRequest.first(10)).items()).isEmpty();
  }

  // ---------------------------------------------------------------- circuits

  @Test
  void circuitCompareAndSet() {
    DestinationRecord d = fx.destination(scope, "cb", clock.now());
    store.destinations().insert(d);
    assertThat(store.circuits().find(d.id())).isEmpty();
    CircuitRecord closed = circuit(d.id(), "closed", 0, 1);
    assertThat(store.circuits().compareAndSet(closed, 0)).isTrue();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "open", 5, 1), 0)).isFalse();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "open", 5, 2), 1)).isTrue();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "closed", 0, 2), 1)).isFalse();
    assertThat(store.circuits().find(d.id()).orElseThrow())
        .satisfies(c -> assertThat(c.state()).isEqualTo("open"))
        .satisfies(c -> assertThat(c.failureCount()).isEqualTo(5))
        .satisfies(c -> assertThat(c.version()).isEqualTo(2));
  }

  @Test
  void circuitCompareAndSetRaceHasExactlyOneWinner() throws Exception {
    DestinationRecord d = fx.destination(scope, "race", clock.now());
    store.destinations().insert(d);
    int threads = 16;
    for (long expected = 0; expected < 3; expected++) {
      long from = expected;
      List<Boolean> won = Concurrently.run(threads, i -> () -> store.circuits()
          .compareAndSet(circuit(d.id(), "open", i, from + 1), from));
      assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
      int winner = won.indexOf(true);
      assertThat(store.circuits().find(d.id()).orElseThrow().failureCount()).isEqualTo(winner);
    }
  }

  // ---------------------------------------------------------------- nodes and their leases

  @Test
  void releaseLeasesFreesEveryPendingLeaseOfOneOwnerAtOnce() {
    Route r = route(scope);
    insertReversed(r, 3);
    String restarted = ids.next("node");
    String other = ids.next("node");
    List<DeliveryTask> held = destinationClaim(r, restarted, 2, 10, false, null);
    List<DeliveryTask> kept = destinationClaim(r, other, 1, 10, false, null);
    assertThat(held).hasSize(2);

    assertThat(store.deliveries().releaseLeases(restarted, clock.now())).isEqualTo(2);
    DeliveryTask released = store.deliveries().findTask(scope, held.get(0).id()).orElseThrow();
    assertThat(released.leaseOwner()).isNull();
    assertThat(released.leaseExpiresAt()).isNull();
    assertThat(released.version()).isEqualTo(held.get(0).version() + 1);
    assertThat(store.deliveries().findTask(scope, kept.get(0).id()).orElseThrow().leaseOwner())
        .isEqualTo(other);
    // Long before the 60 s leases end, the released tasks are claimable and count as free.
    assertThat(destinationClaim(r, ids.next("node"), 10, 3, false, null))
        .extracting(DeliveryTask::id)
        .containsExactlyInAnyOrderElementsOf(held.stream().map(DeliveryTask::id).toList());
    DeliveryTask stale = held.get(1);
    assertThat(store.deliveries().settle(restarted,
        stale.settled(TaskStatus.SUCCEEDED, 1, clock.now(), clock.now()), null)).isFalse();
    assertThat(store.deliveries().renewLeases(restarted, List.of(stale.id()),
        clock.now().plusSeconds(60))).isZero();
    assertThat(store.deliveries().releaseLeases(restarted, clock.now())).isZero();
  }

  @Test
  void silentNodesAreDeclaredDeadWithTheirLeasesReleasedAndLiveNodesKept() {
    Route r = route(scope);
    insertReversed(r, 2);
    String dead = ids.next("node");
    String alive = ids.next("node");
    Instant start = clock.now();
    store.nodes().heartbeat(dead, start);
    store.nodes().heartbeat(alive, start);
    DeliveryTask lost = destinationClaim(r, dead, 1, 10, false, null).get(0);
    DeliveryTask running = destinationClaim(r, alive, 1, 10, false, null).get(0);
    clock.advance(Duration.ofSeconds(15));
    store.nodes().heartbeat(alive, clock.now());
    assertThat(store.nodes().list()).extracting(NodeRecord::id, NodeRecord::lastHeartbeatAt)
        .contains(Tuple.tuple(dead, start),
            Tuple.tuple(alive, clock.now()));

    assertThat(store.nodes().releaseSilent(start, clock.now())).doesNotContain(dead, alive);
    assertThat(store.nodes().releaseSilent(clock.now().minusSeconds(10), clock.now()))
        .contains(dead).doesNotContain(alive);
    assertThat(store.nodes().list()).extracting(NodeRecord::id).contains(alive)
        .doesNotContain(dead);
    assertThat(store.deliveries().findTask(scope, lost.id()).orElseThrow().leaseOwner())
        .isNull();
    assertThat(store.deliveries().findTask(scope, running.id()).orElseThrow().leaseOwner())
        .isEqualTo(alive);
    assertThat(store.nodes().releaseSilent(clock.now().minusSeconds(10), clock.now()))
        .doesNotContain(dead);
    store.nodes().heartbeat(dead, clock.now()); // it was only paused: it is back
    assertThat(store.nodes().list()).extracting(NodeRecord::id).contains(dead);
  }

  @Test
  void racingDetectorsDeclareEachDeadNodeDeadExactlyOnce() throws Exception {
    List<String> dead = IntStream.range(0, 5).mapToObj(i -> ids.next("node")).toList();
    dead.forEach(id -> store.nodes().heartbeat(id, clock.now()));
    clock.advance(Duration.ofMinutes(1));
    List<List<String>> found = Concurrently.run(8,
        i -> () -> store.nodes().releaseSilent(clock.now().minusSeconds(20), clock.now()));
    assertThat(found.stream().flatMap(List::stream).filter(dead::contains))
        .containsExactlyInAnyOrderElementsOf(dead);
  }

  // ---------------------------------------------------------------- api keys

  @Test
  void apiKeysFindByHashRevokeAndRecordUse() throws Exception {
    String hash = fx.hash();
    ApiKeyRecord key = fx.apiKey(scope, hash, clock.now());
    store.apiKeys().insert(key);
    assertThat(store.apiKeys().findByHash(hash))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(key.id()));
    assertThat(store.apiKeys().findByHash(fx.hash())).isEmpty();
    assertThat(store.apiKeys().find(scope, key.id())).isPresent();
    assertThat(store.apiKeys().find(other, key.id())).isEmpty();
    assertThat(store.apiKeys().list(other, PageRequest.first(10)).items()).isEmpty();
    assertConflict(() -> store.apiKeys().insert(fx.apiKey(other, hash, clock.now())));

    clock.advance(Duration.ofMinutes(1));
    store.apiKeys().recordUse(key.id(), clock.now());
    Instant used = clock.now();
    awaitTrue(() -> store.apiKeys().find(scope, key.id()).orElseThrow().requestCount() == 1);
    assertThat(store.apiKeys().find(scope, key.id()).orElseThrow().lastUsedAt()).isEqualTo(used);

    assertThat(store.apiKeys().revoke(other, key.id(), clock.now())).isFalse();
    assertThat(store.apiKeys().findByHash(hash).orElseThrow().revoked()).isFalse();
    assertThat(store.apiKeys().revoke(scope, key.id(), clock.now())).isTrue();
    assertThat(store.apiKeys().revoke(scope, key.id(), clock.now())).isFalse();
    assertThat(store.apiKeys().revoke(scope, ids.next("ak"), clock.now())).isFalse();
    assertThat(store.apiKeys().findByHash(hash).orElseThrow().revokedAt()).isEqualTo(clock.now());
  }

  @Test
  void racingRevokesHaveExactlyOneWinnerPerKey() throws Exception {
    List<ApiKeyRecord> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ApiKeyRecord key = fx.apiKey(scope, fx.hash(), clock.now());
      store.apiKeys().insert(key);
      keys.add(key);
    }
    Map<String, Integer> winners = new ConcurrentHashMap<>();
    Concurrently.run(16, i -> () -> {
      for (ApiKeyRecord key : keys) {
        if (store.apiKeys().revoke(scope, key.id(), clock.now().plusSeconds(i))) {
          winners.merge(key.id(), i,
              (x, y) -> { throw new AssertionError("two winners for " + key.id()); });
        }
      }
      return null;
    });
    assertThat(winners).hasSize(keys.size());
    for (ApiKeyRecord key : keys) {
      assertThat(store.apiKeys().find(scope, key.id()).orElseThrow().revokedAt())
          .isEqualTo(clock.now().plusSeconds(winners.get(key.id())));
    }
  }

  @Test
  void apiKeysPageNewestFirst() {
    List<ApiKeyRecord> keys = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      ApiKeyRecord key = fx.apiKey(scope, fx.hash(), clock.now());
      store.apiKeys().insert(key);
      keys.add(key);
    }
    assertThat(pageAll(p -> store.apiKeys().list(scope, p), 5, ApiKeyRecord::id))
        .containsExactlyElementsOf(newestFirstOf(keys, k -> true));
  }

  // ================================================================ helpers

  /** A task of {@code e} that has one recorded attempt (settled back to pending). */
  private DeliveryTask taskWithAttempt(Route r, EventRecord e) {
    DeliveryTask task = fx.task(r, e.id(), NEVER, clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask leased = task.claimed("purger", NEVER, clock.now());
    assertThat(store.deliveries().update(leased)).isTrue();
    assertThat(store.deliveries().settle("purger",
        leased.settled(TaskStatus.PENDING, 1, NEVER, clock.now()),
        fx.attempt(leased, 1, "failed", false, clock.now()))).isTrue();
    return task;
  }

  /** Inserts {@code n} due tasks for {@code r} with sequences 100, 99, ... (reverse order). */
  private void insertReversed(Route r, int n) {
    EventRecord e = event(r, clock.now());
    List<DeliveryTask> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(withSequence(fx.task(r, e.id(), clock.now(), clock.now()), 100 - i));
    }
    store.deliveries().insertTasks(list);
    leftovers.addAll(list);
  }

  private void insertWithSequence(Route r, long sequence, Instant due, Instant created) {
    EventRecord e = event(r, created);
    DeliveryTask t = withSequence(fx.task(r, e.id(), due, created), sequence);
    store.deliveries().insertTasks(List.of(t));
    leftovers.add(t);
  }

  private static DeliveryTask withSequence(DeliveryTask t, long sequence) {
    return new DeliveryTask(t.id(), t.orgId(), t.envId(), t.eventId(), t.connectionId(),
        t.destinationId(), t.status(), t.attempts(), t.nextAttemptAt(), t.leaseOwner(),
        t.leaseExpiresAt(), t.payload(), t.payloadContentType(), sequence, t.version(),
        t.createdAt(), t.updatedAt());
  }

  private List<DeliveryTask> destinationClaim(Route r, String owner, int limit, int maxLeased,
      boolean ordered, Instant createdBefore) {
    return store.deliveries().claimDue(new DestinationClaim(r.destinationId(), owner,
        clock.now(), clock.now().plusSeconds(60), limit, maxLeased, ordered, createdBefore));
  }

  private List<String> dueDestinations(Instant now, List<String> excluded, Set<String> mine) {
    return store.deliveries().dueDestinations(now, 1000, excluded).stream()
        .filter(mine::contains).toList();
  }

  private Route route(Scope s) {
    SourceRecord src = fx.source(s, "src-" + ids.next("x"), clock.now());
    DestinationRecord dst = fx.destination(s, "dst-" + ids.next("x"), clock.now());
    store.sources().insert(src);
    store.destinations().insert(dst);
    ConnectionRecord conn =
        fx.connection(s, ids.next("conn"), "route", src.id(), dst.id(), 1, clock.now());
    store.connections().insert(conn);
    return new Route(s, src.id(), dst.id(), conn.id());
  }

  private EventRecord event(Route r, Instant receivedAt) {
    EventRecord e = fx.event(r.scope(), ids.next("evt"), r.sourceId(), "{}", receivedAt);
    store.events().insert(e);
    // Routed at once so that the recovery sweep tests of other runs never see it.
    store.events().markRouted(r.scope(), e.id(), EventStatus.PROCESSING, List.of(), receivedAt);
    return e;
  }

  /** Cancels a task that a test leaves pending, so that it never shows up in later claims. */
  private void retire(DeliveryTask task) {
    DeliveryTask stored = store.deliveries().findTask(task.scope(), task.id()).orElseThrow();
    assertThat(store.deliveries().update(stored.settled(TaskStatus.CANCELLED, stored.attempts(),
        stored.nextAttemptAt(), clock.now()))).isTrue();
  }

  private CircuitRecord circuit(String destinationId, String state, int failures, long version) {
    return new CircuitRecord(destinationId, scope.orgId(), scope.envId(), state, failures,
        failures > 0 ? clock.now() : null, "open".equals(state) ? clock.now() : null, version,
        clock.now());
  }

  private List<DeliveryTask> claim(String owner, Duration lease) {
    return store.deliveries().claimDue(owner, clock.now(), clock.now().plus(lease),
        PageRequest.MAX_LIMIT, List.of());
  }

  /** Claims repeatedly until every task of {@code mine} is gone or nothing is due any more. */
  private List<String> claimAllOf(Set<String> mine, String owner, Instant now, Instant until) {
    List<String> claimed = new ArrayList<>();
    while (true) {
      List<DeliveryTask> batch = store.deliveries().claimDue(owner, now, until, 3, List.of());
      if (batch.isEmpty()) {
        return claimed;
      }
      claimed.addAll(ours(batch, mine));
    }
  }

  private static List<String> ours(Collection<DeliveryTask> tasks, Set<String> mine) {
    return tasks.stream().map(DeliveryTask::id).filter(mine::contains).toList();
  }

  private DeliveryTask only(List<DeliveryTask> claimed, Set<String> mine) {
    List<DeliveryTask> found = claimed.stream().filter(t -> mine.contains(t.id())).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private List<String> unrouted(Instant before, Set<String> mine) {
    return store.events().findUnrouted(before, 1000).stream().map(EventRecord::id)
        .filter(mine::contains).toList();
  }

  private List<String> stale(Instant before, Set<String> mine) {
    return store.issues().findStale(before, 1000).stream().map(IssueRecord::id)
        .filter(mine::contains).toList();
  }

  private List<String> query(EventQuery q) {
    return pageAll(p -> store.events().list(scope, q, p), 3, EventRecord::id);
  }

  private List<String> attemptIds(AttemptQuery q) {
    return pageAll(p -> store.deliveries().listAttempts(scope, q, p), 2, AttemptRecord::id);
  }

  private static List<String> idsNewestFirst(
      List<EventRecord> events, java.util.function.BiPredicate<Integer, EventRecord> keep) {
    return IntStream.range(0, events.size()).filter(i -> keep.test(i, events.get(i)))
        .mapToObj(i -> events.get(i).id()).sorted(Comparator.reverseOrder()).toList();
  }

  private static <T> List<String> newestFirstOf(
      List<T> rows, java.util.function.Predicate<T> keep) {
    return rows.stream().filter(keep).map(StoreContract::idOf)
        .sorted(Comparator.reverseOrder()).toList();
  }

  private static String idOf(Object row) {
    if (row instanceof AttemptRecord a) {
      return a.id();
    } else if (row instanceof IssueRecord i) {
      return i.id();
    } else if (row instanceof ApiKeyRecord k) {
      return k.id();
    }
    throw new IllegalArgumentException(row.getClass().getName());
  }

  /**
   * Reads every page, checking each against the page contract, and returns the ids in order.
   */
  static <T> List<String> pageAll(
      Function<PageRequest, Page<T>> lister, int limit, Function<T, String> id) {
    List<String> seen = new ArrayList<>();
    String after = null;
    for (int pages = 0; pages < 100_000; pages++) {
      Page<T> page = lister.apply(new PageRequest(after, limit));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      page.items().forEach(item -> seen.add(id.apply(item)));
      if (!page.hasMore()) {
        assertThat(page.nextAfter()).isNull();
        return seen;
      }
      assertThat(page.items()).hasSize(limit);
      assertThat(page.nextAfter()).isEqualTo(id.apply(page.items().get(limit - 1)));
      after = page.nextAfter();
    }
    throw new AssertionError("paging did not end");
  }

  static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(HookstreamException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  /** Waits up to ten seconds for a best-effort write to become visible. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }

  // ---------------------------------------------------------------- generic resource checks

  /** Creates a row of a resource type; types without a slug ignore it. */
  @FunctionalInterface
  private interface RowFactory<T> {
    T create(Scope s, String id, String slug, String name, long version);
  }

  /** Soft-deletes a row of a resource type. */
  @FunctionalInterface
  private interface Deleter {
    boolean delete(Scope s, String id, Instant at);
  }

  /** One versioned, soft-deletable resource type, seen through its repository. */
  private record Resource<T>(
      String prefix,
      RowFactory<T> factory,
      java.util.function.Consumer<T> inserter,
      java.util.function.BiFunction<Scope, String, Optional<T>> finder,
      java.util.function.BiFunction<Scope, PageRequest, Page<T>> lister,
      java.util.function.Predicate<T> updater,
      Deleter deleter,
      Function<T, String> idOf,
      Function<T, String> nameOf,
      java.util.function.ToLongFunction<T> versionOf) {

    T create(Scope s, String id, String slug, String name, long version) {
      return factory.create(s, id, slug, name, version);
    }

    void insert(T row) {
      inserter.accept(row);
    }

    Optional<T> find(Scope s, String id) {
      return finder.apply(s, id);
    }

    Page<T> list(Scope s, PageRequest page) {
      return lister.apply(s, page);
    }

    boolean update(T row) {
      return updater.test(row);
    }

    boolean delete(Scope s, String id, Instant at) {
      return deleter.delete(s, id, at);
    }

    String id(T row) {
      return idOf.apply(row);
    }

    String name(T row) {
      return nameOf.apply(row);
    }

    long version(T row) {
      return versionOf.applyAsLong(row);
    }
  }

  private Resource<SourceRecord> sources() {
    var repo = store.sources();
    return new Resource<>("src",
        (s, id, slug, name, v) -> fx.source(s, id, slug, name, v, clock.now()),
        repo::insert, repo::find, repo::list, repo::update, repo::delete,
        SourceRecord::id, SourceRecord::name, SourceRecord::version);
  }

  private Resource<DestinationRecord> destinations() {
    var repo = store.destinations();
    return new Resource<>("dst",
        (s, id, slug, name, v) -> fx.destination(s, id, slug, name, v, clock.now()),
        repo::insert, repo::find, repo::list, repo::update, repo::delete,
        DestinationRecord::id, DestinationRecord::name, DestinationRecord::version);
  }

  private Resource<ConnectionRecord> connections() {
    var repo = store.connections();
    // Routes made up front, so that their connections exist before a test lists anything.
    Map<Scope, Route> routes = Map.of(scope, route(scope), other, route(other));
    return new Resource<>("conn",
        (s, id, slug, name, v) -> fx.connection(s, id, name, routes.get(s).sourceId(),
            routes.get(s).destinationId(), v, clock.now()),
        repo::insert, repo::find, (s, page) -> repo.list(s, null, null, page), repo::update,
        repo::delete, ConnectionRecord::id, ConnectionRecord::name, ConnectionRecord::version);
  }

  private <T> List<String> listAll(Resource<T> r, Scope s) {
    return pageAll(p -> r.list(s, p), 3, r::id);
  }

  private <T> void assertCrud(Resource<T> r) {
    // Pre-existing rows of the type (a route's connection) are left out of the comparison.
    List<String> before = listAll(r, scope);
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "crud", "first", 1));
    assertThat(r.find(scope, id)).hasValueSatisfying(x -> {
      assertThat(r.name(x)).isEqualTo("first");
      assertThat(r.version(x)).isEqualTo(1);
    });
    assertThat(r.find(scope, ids.next(r.prefix()))).isEmpty();
    assertThat(listAll(r, scope)).startsWith(id).hasSize(before.size() + 1);
    assertConflict(() -> r.insert(r.create(scope, id, "crud-other", "again", 1)));

    clock.advance(Duration.ofSeconds(5));
    assertThat(r.update(r.create(scope, id, "crud", "second", 2))).isTrue();
    assertThat(r.find(scope, id)).hasValueSatisfying(x -> {
      assertThat(r.name(x)).isEqualTo("second");
      assertThat(r.version(x)).isEqualTo(2);
    });
    assertThat(r.update(r.create(scope, id, "crud", "stale", 2))).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "skipping", 4))).isFalse();
    assertThat(r.update(r.create(scope, ids.next(r.prefix()), "crud", "unknown", 2))).isFalse();
    assertThat(r.name(r.find(scope, id).orElseThrow())).isEqualTo("second");

    assertThat(r.delete(scope, id, clock.now())).isTrue();
    assertThat(r.find(scope, id)).isEmpty();
    assertThat(listAll(r, scope)).doesNotContain(id).hasSize(before.size());
    assertThat(r.delete(scope, id, clock.now())).isFalse();
    assertThat(r.delete(scope, ids.next(r.prefix()), clock.now())).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "revived", 3))).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "revived", 4))).isFalse();
  }

  private <T> void assertIsolated(Resource<T> r) {
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "mine", "mine", 1));
    List<String> otherBefore = listAll(r, other);
    assertThat(r.find(other, id)).isEmpty();
    assertThat(listAll(r, other)).doesNotContain(id);
    assertThat(r.update(r.create(other, id, "mine", "hijacked", 2))).isFalse();
    assertThat(r.delete(other, id, clock.now())).isFalse();
    assertThat(r.find(scope, id)).hasValueSatisfying(x -> {
      assertThat(r.name(x)).isEqualTo("mine");
      assertThat(r.version(x)).isEqualTo(1);
    });
    assertThat(listAll(r, other)).isEqualTo(otherBefore);
  }

  private <T> void assertPaging(Resource<T> r) {
    List<String> before = listAll(r, scope);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String id = ids.next(r.prefix());
      r.insert(r.create(scope, id, "page-" + i, "row " + i, 1));
      created.add(id);
    }
    r.delete(scope, created.get(10), clock.now());
    List<String> expected = new ArrayList<>(created);
    expected.remove(10);
    expected.addAll(before);
    expected.sort(Comparator.reverseOrder());
    for (int limit : new int[] {1, 5, 22, 100}) {
      assertThat(pageAll(p -> r.list(scope, p), limit, r::id))
          .containsExactlyElementsOf(expected);
    }
  }

  private <T> void assertOneUpdateWins(Resource<T> r) throws Exception {
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "race", "v1", 1));
    int threads = 8;
    List<Boolean> won = Concurrently.run(threads,
        i -> () -> r.update(r.create(scope, id, "race", "writer " + i, 2)));
    assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
    assertThat(r.name(r.find(scope, id).orElseThrow()))
        .isEqualTo("writer " + won.indexOf(true));
  }

  private <T> void assertSlugUnique(Resource<T> r) {
    String first = ids.next(r.prefix());
    r.insert(r.create(scope, first, "billing", "first", 1));
    assertConflict(() -> r.insert(r.create(scope, ids.next(r.prefix()), "billing", "x", 1)));
    r.insert(r.create(other, ids.next(r.prefix()), "billing", "other scope", 1));

    String second = ids.next(r.prefix());
    r.insert(r.create(scope, second, "payments", "second", 1));
    assertConflict(() -> r.update(r.create(scope, second, "billing", "second", 2)));
    assertThat(r.update(r.create(scope, second, "payments", "renamed", 2))).isTrue();
    assertThat(r.update(r.create(scope, first, "billing", "kept slug", 2))).isTrue();

    assertThat(r.delete(scope, first, clock.now())).isTrue();
    String third = ids.next(r.prefix());
    r.insert(r.create(scope, third, "billing", "reuses slug", 1));
    assertThat(r.find(scope, third)).isPresent();
    assertThat(r.update(r.create(scope, second, "payments-v2", "moved", 3))).isTrue();
    r.insert(r.create(scope, ids.next(r.prefix()), "payments", "freed slug", 1));
  }
}
