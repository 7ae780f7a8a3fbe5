package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.TaskBacklog;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Delivery tasks and attempts: settles, versioned updates, tenant isolation, attempt lists. */
abstract class DeliveryContract extends RepositoryContract {

  DeliveryContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void settleWithAnEventStatusWritesItInTheSameStepOnlyWhileTheLeaseHolds() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), clock.now(), clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask mine = destinationClaim(r, "n1", 1, 1, false, null).get(0);
    DeliveryTask done =
        mine.settled(TaskStatus.SUCCEEDED, 1, mine.nextAttemptAt(), clock.now().plusSeconds(1));

    assertThat(
            store
                .deliveries()
                .settle(
                    "n2",
                    done,
                    fx.attempt(mine, 1, "success", false, clock.now()),
                    EventStatus.DELIVERED))
        .isFalse();
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
  void backlogCountsPendingTasksAndTheDueOnesNobodyHolds() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    TaskBacklog before = store.deliveries().backlog(clock.now());
    DeliveryTask held = fx.task(r, e.id(), clock.now(), clock.now());
    store.deliveries().insertTasks(List.of(held));
    DeliveryTask mine = destinationClaim(r, "n1", 1, 1, false, null).get(0);
    DeliveryTask due = fx.task(r, e.id(), clock.now(), clock.now());
    DeliveryTask later = fx.task(r, e.id(), clock.now().plusSeconds(3600), clock.now());
    store.deliveries().insertTasks(List.of(due, later));

    assertThat(store.deliveries().backlog(clock.now()))
        .isEqualTo(new TaskBacklog(before.pending() + 3, before.due() + 1));
    DeliveryTask done = mine.settled(TaskStatus.SUCCEEDED, 1, mine.nextAttemptAt(), clock.now());
    assertThat(store.deliveries().settle("n1", done, null)).isTrue();
    assertThat(store.deliveries().backlog(clock.now()))
        .isEqualTo(new TaskBacklog(before.pending() + 2, before.due() + 1));
    // An hour on, the later task is due too (and so is any other suite's, hence >=).
    TaskBacklog hourOn = store.deliveries().backlog(clock.now().plusSeconds(3600));
    assertThat(hourOn.pending()).isEqualTo(before.pending() + 2);
    assertThat(hourOn.due()).isGreaterThanOrEqualTo(before.due() + 2);
    for (DeliveryTask t : List.of(due, later)) { // no due work left for the other suites
      store.deliveries().update(t.settled(TaskStatus.CANCELLED, 0, t.nextAttemptAt(), clock.now()));
    }
  }

  @Test
  void taskUpdatesAreVersionedAndCancelledTasksAreNotClaimed() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));

    DeliveryTask cancelled =
        task.settled(TaskStatus.CANCELLED, 0, task.nextAttemptAt(), clock.now());
    assertThat(store.deliveries().update(cancelled)).isTrue();
    assertThat(store.deliveries().update(cancelled)).isFalse(); // its version is stored now
    assertThat(
            store
                .deliveries()
                .update(task.settled(TaskStatus.PENDING, 0, task.nextAttemptAt(), clock.now())))
        .isFalse();
    assertThat(ours(claim(r, "node-a", Duration.ofMinutes(1)), Set.of(task.id()))).isEmpty();

    DeliveryTask retried = cancelled.settled(TaskStatus.PENDING, 0, ANCIENT, clock.now());
    assertThat(store.deliveries().update(retried)).isTrue();
    assertThat(only(claim(r, "node-a", Duration.ofMinutes(1)), Set.of(task.id())).version())
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
    DeliveryTask claimed = only(claim(r, "node-a", Duration.ofMinutes(1)), Set.of(task.id()));
    AttemptRecord attempt = fx.attempt(claimed, 1, "failed", false, clock.now());
    assertThat(
            store
                .deliveries()
                .settle(
                    "node-a", claimed.settled(TaskStatus.DEAD, 1, ANCIENT, clock.now()), attempt))
        .isTrue();

    assertThat(store.deliveries().findTask(other, task.id())).isEmpty();
    assertThat(store.deliveries().tasksForEvent(other, e.id())).isEmpty();
    assertThat(store.deliveries().findAttempt(other, attempt.id())).isEmpty();
    assertThat(
            store.deliveries().listAttempts(other, AttemptQuery.ALL, PageRequest.first(10)).items())
        .isEmpty();
    assertThat(
            store
                .deliveries()
                .listAttempts(
                    other, new AttemptQuery(e.id(), null, null, null, null), PageRequest.first(10))
                .items())
        .isEmpty();

    DeliveryTask current = store.deliveries().findTask(scope, task.id()).orElseThrow();
    DeliveryTask foreignUpdate =
        new DeliveryTask(
            task.id(),
            other.orgId(),
            other.envId(),
            e.id(),
            r.connectionId(),
            r.destinationId(),
            TaskStatus.CANCELLED,
            0,
            clock.now(),
            null,
            null,
            null,
            null,
            0,
            current.version() + 1,
            clock.now(),
            clock.now());
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
    List<DeliveryTask> tasks =
        List.of(
            fx.task(a, e1.id(), ANCIENT, clock.now()), fx.task(b, e2.id(), ANCIENT, clock.now()));
    store.deliveries().insertTasks(tasks);
    Set<String> mine = tasks.stream().map(DeliveryTask::id).collect(Collectors.toSet());
    for (int n = 1; n <= 3; n++) {
      List<DeliveryTask> claims = new ArrayList<>(claim(a, "node-a", Duration.ofMinutes(1)));
      claims.addAll(claim(b, "node-a", Duration.ofMinutes(1)));
      for (DeliveryTask claimed : claims) {
        if (!mine.contains(claimed.id())) {
          continue;
        }
        boolean last = n == 3;
        boolean toDlq = last && claimed.id().equals(tasks.get(1).id());
        String status = last && !toDlq ? "success" : "failed";
        AttemptRecord attempt = fx.attempt(claimed, n, status, toDlq, clock.now());
        TaskStatus next =
            !last ? TaskStatus.PENDING : toDlq ? TaskStatus.DEAD : TaskStatus.SUCCEEDED;
        assertThat(
                store
                    .deliveries()
                    .settle("node-a", claimed.settled(next, n, ANCIENT, clock.now()), attempt))
            .isTrue();
        attempts.add(attempt);
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(attempts).hasSize(6);
    List<String> newestFirst =
        attempts.stream().map(AttemptRecord::id).sorted(Comparator.reverseOrder()).toList();
    assertThat(
            pageAll(
                p -> store.deliveries().listAttempts(scope, AttemptQuery.ALL, p),
                4,
                AttemptRecord::id))
        .containsExactlyElementsOf(newestFirst);
    assertThat(attemptIds(new AttemptQuery(e1.id(), null, null, null, null)))
        .containsExactlyElementsOf(newestFirstOf(attempts, x -> x.eventId().equals(e1.id())));
    assertThat(attemptIds(new AttemptQuery(null, b.connectionId(), null, null, null)))
        .containsExactlyElementsOf(newestFirstOf(attempts, x -> x.eventId().equals(e2.id())));
    assertThat(attemptIds(new AttemptQuery(null, null, a.destinationId(), "success", null)))
        .containsExactly(
            attempts.stream().filter(x -> x.succeeded()).findFirst().orElseThrow().id());
    assertThat(attemptIds(new AttemptQuery(null, null, null, null, true)))
        .containsExactly(
            attempts.stream().filter(AttemptRecord::dlq).findFirst().orElseThrow().id());
    assertThat(attemptIds(new AttemptQuery(null, null, null, "failed", false))).hasSize(4);
    assertThat(store.deliveries().tasksForEvent(scope, e2.id()))
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.DEAD));
  }

  private List<String> attemptIds(AttemptQuery q) {
    return pageAll(p -> store.deliveries().listAttempts(scope, q, p), 2, AttemptRecord::id);
  }
}
