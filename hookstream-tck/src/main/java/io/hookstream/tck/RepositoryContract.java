package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store suites share: the store and clock of the current test (made by {@link
 * StoreContract} before the suite's own set-up runs), two fresh scopes, and helpers that insert
 * routes, events and claimable tasks. A suite is run as a {@code @Nested} class of {@link
 * StoreContract}, which passes itself in.
 */
abstract class RepositoryContract {

  /** Next attempt of tasks that must be due at whatever instant a test claims. */
  static final Instant ANCIENT = Instant.parse("1990-01-01T00:00:00Z");

  /** Next attempt of tasks that must never become due. */
  static final Instant NEVER = Instant.parse("3000-01-01T00:00:00Z");

  private final StoreContract owner;
  final ContractIds ids = new ContractIds();
  final StoreFixtures fx = new StoreFixtures(ids);
  ManualClock clock;
  Store store;
  Scope scope;
  Scope other;

  /** Pending tasks of per-destination claim tests, cancelled after the test. */
  private final List<DeliveryTask> leftovers = new ArrayList<>();

  RepositoryContract(StoreContract owner) {
    this.owner = owner;
  }

  @BeforeEach
  final void createScopes() {
    clock = owner.clock;
    store = owner.store;
    scope = newScope();
    other = newScope();
  }

  @AfterEach
  final void retireLeftovers() {
    for (DeliveryTask t : leftovers) {
      DeliveryTask stored = store.deliveries().findTask(t.scope(), t.id()).orElseThrow();
      if (stored.status() == TaskStatus.PENDING) {
        retire(stored);
      }
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

  /** A task of {@code e} that has one recorded attempt (settled back to pending). */
  DeliveryTask taskWithAttempt(Route r, EventRecord e) {
    DeliveryTask task = fx.task(r, e.id(), NEVER, clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask leased = task.claimed("purger", NEVER, clock.now());
    assertThat(store.deliveries().update(leased)).isTrue();
    assertThat(
            store
                .deliveries()
                .settle(
                    "purger",
                    leased.settled(TaskStatus.PENDING, 1, NEVER, clock.now()),
                    fx.attempt(leased, 1, "failed", false, clock.now())))
        .isTrue();
    return task;
  }

  /** Inserts {@code n} due tasks for {@code r} with sequences 100, 99, ... (reverse order). */
  void insertReversed(Route r, int n) {
    EventRecord e = event(r, clock.now());
    List<DeliveryTask> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(withSequence(fx.task(r, e.id(), clock.now(), clock.now()), 100 - i));
    }
    store.deliveries().insertTasks(list);
    leftovers.addAll(list);
  }

  void insertWithSequence(Route r, long sequence, Instant due, Instant created) {
    EventRecord e = event(r, created);
    DeliveryTask t = withSequence(fx.task(r, e.id(), due, created), sequence);
    store.deliveries().insertTasks(List.of(t));
    leftovers.add(t);
  }

  /** Cancels {@code tasks} after the test if they are still pending. */
  void leaveBehind(List<DeliveryTask> tasks) {
    leftovers.addAll(tasks);
  }

  static DeliveryTask withSequence(DeliveryTask t, long sequence) {
    return withSequenceAndKey(t, sequence, t.orderingKey());
  }

  static DeliveryTask withSequenceAndKey(DeliveryTask t, long sequence, String orderingKey) {
    return new DeliveryTask(
        t.id(),
        t.orgId(),
        t.envId(),
        t.eventId(),
        t.connectionId(),
        t.destinationId(),
        t.status(),
        t.attempts(),
        t.nextAttemptAt(),
        t.leaseOwner(),
        t.leaseExpiresAt(),
        t.payload(),
        t.payloadContentType(),
        sequence,
        orderingKey,
        t.version(),
        t.createdAt(),
        t.updatedAt());
  }

  List<DeliveryTask> destinationClaim(
      Route r, String owner, int limit, int maxLeased, boolean ordered, Instant createdBefore) {
    return destinationClaim(r, owner, limit, maxLeased, ordered, createdBefore, Set.of());
  }

  /** A claim naming the tasks {@code owner} holds whose deliveries have been answered. */
  List<DeliveryTask> destinationClaim(
      Route r,
      String owner,
      int limit,
      int maxLeased,
      boolean ordered,
      Instant createdBefore,
      Set<String> answered) {
    return tasks(
        store
            .deliveries()
            .claimDeliveries(
                new DestinationClaim(
                    r.destinationId(),
                    owner,
                    clock.now(),
                    clock.now().plusSeconds(60),
                    limit,
                    maxLeased,
                    ordered,
                    createdBefore,
                    answered)));
  }

  static List<DeliveryTask> tasks(List<ClaimedTask> claimed) {
    return claimed.stream().map(ClaimedTask::task).toList();
  }

  /** Claims every due task of the route's destination that no live lease holds. */
  List<DeliveryTask> claim(Route r, String owner, Duration lease) {
    return claimAt(r, owner, clock.now(), clock.now().plus(lease));
  }

  List<DeliveryTask> claimAt(Route r, String owner, Instant now, Instant until) {
    return tasks(
        store
            .deliveries()
            .claimDeliveries(
                new DestinationClaim(
                    r.destinationId(),
                    owner,
                    now,
                    until,
                    PageRequest.MAX_LIMIT,
                    Integer.MAX_VALUE,
                    false,
                    null)));
  }

  /** Claims three at a time until nothing of the route's destination is due any more. */
  List<String> claimAll(Route r, String owner, Instant now, Instant until) {
    List<String> claimed = new ArrayList<>();
    while (true) {
      List<DeliveryTask> batch =
          tasks(
              store
                  .deliveries()
                  .claimDeliveries(
                      new DestinationClaim(
                          r.destinationId(),
                          owner,
                          now,
                          until,
                          3,
                          Integer.MAX_VALUE,
                          false,
                          null)));
      if (batch.isEmpty()) {
        return claimed;
      }
      batch.forEach(t -> claimed.add(t.id()));
    }
  }

  /** A new destination of {@code s}, stored. */
  DestinationRecord storedDestination(Scope s, String name) {
    DestinationRecord d = fx.destination(s, name, clock.now());
    store.destinations().insert(d);
    return d;
  }

  Route route(Scope s) {
    SourceRecord src = fx.source(s, "src-" + ids.next("x"), clock.now());
    DestinationRecord dst = fx.destination(s, "dst-" + ids.next("x"), clock.now());
    store.sources().insert(src);
    store.destinations().insert(dst);
    ConnectionRecord conn =
        fx.connection(s, ids.next("conn"), "route", src.id(), dst.id(), 1, clock.now());
    store.connections().insert(conn);
    return new Route(s, src.id(), dst.id(), conn.id());
  }

  EventRecord event(Route r, Instant receivedAt) {
    EventRecord e = fx.event(r.scope(), ids.next("evt"), r.sourceId(), "{}", receivedAt);
    store.events().insert(e);
    // Routed at once so that the recovery sweep tests of other runs never see it.
    store.events().markRouted(r.scope(), e.id(), EventStatus.PROCESSING, List.of(), receivedAt);
    return e;
  }

  /** Cancels a task that a test leaves pending, so that it never shows up in later claims. */
  void retire(DeliveryTask task) {
    DeliveryTask stored = store.deliveries().findTask(task.scope(), task.id()).orElseThrow();
    assertThat(
            store
                .deliveries()
                .update(
                    stored.settled(
                        TaskStatus.CANCELLED,
                        stored.attempts(),
                        stored.nextAttemptAt(),
                        clock.now())))
        .isTrue();
  }

  static List<String> ours(Collection<DeliveryTask> tasks, Set<String> mine) {
    return tasks.stream().map(DeliveryTask::id).filter(mine::contains).toList();
  }

  static DeliveryTask only(List<DeliveryTask> claimed, Set<String> mine) {
    List<DeliveryTask> found = claimed.stream().filter(t -> mine.contains(t.id())).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  static <T> List<String> newestFirstOf(List<T> rows, Predicate<T> keep) {
    return rows.stream()
        .filter(keep)
        .map(RepositoryContract::idOf)
        .sorted(Comparator.reverseOrder())
        .toList();
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

  /** Reads every page, checking each against the page contract, and returns the ids in order. */
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

  static void assertConflict(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  /** Waits up to ten seconds for a best-effort write to become visible. */
  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
