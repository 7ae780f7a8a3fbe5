package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replay jobs: scoped reads, compare-and-set writes, an advance that stores the job's tasks only
 * when its write wins, the event scan a step reads, the task counts, and which jobs a node may
 * step.
 */
abstract class ReplayJobContract extends RepositoryContract {

  ReplayJobContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void findsAndListsJobsOfTheirOwnScopeOnly() {
    Route r = route(scope);
    ReplayJobRecord first = insert(job(r, ANCIENT, NEVER));
    ReplayJobRecord second = insert(job(r, ANCIENT, NEVER));

    assertThat(store.replayJobs().find(scope, first.id())).contains(first);
    assertThat(store.replayJobs().find(other, first.id())).isEmpty();
    assertThat(store.replayJobs().list(scope, new PageRequest(null, 10)).items())
        .extracting(ReplayJobRecord::id)
        .containsExactly(second.id(), first.id());
    assertThat(store.replayJobs().list(other, new PageRequest(null, 10)).items()).isEmpty();
  }

  @Test
  void compareAndSetWritesOnlyOverTheExpectedVersion() {
    ReplayJobRecord job = insert(job(route(scope), ANCIENT, NEVER));
    ReplayJobRecord cancelled = job.finished(ReplayJobRecord.CANCELLED, clock.now());

    assertThat(store.replayJobs().compareAndSet(cancelled, job.version() + 1)).isFalse();
    assertThat(store.replayJobs().compareAndSet(cancelled, job.version())).isTrue();
    assertThat(store.replayJobs().find(scope, job.id())).contains(cancelled);
    assertThat(store.replayJobs().compareAndSet(cancelled, job.version())).isFalse();
  }

  @Test
  void advanceStoresTheTasksWithTheCursorOrNothingWhenItsVersionMoved() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    ReplayJobRecord job = insert(job(r, ANCIENT, NEVER));
    DeliveryTask won = fx.task(r, e.id(), NEVER, clock.now());
    DeliveryTask lost = fx.task(r, e.id(), NEVER, clock.now());
    ReplayJobRecord step = progress(job, ReplayJobRecord.RUNNING, 1, e.id(), "node-a");
    leaveBehind(List.of(won));

    assertThat(store.replayJobs().advance(step, job.version(), List.of(won))).isTrue();
    assertThat(store.replayJobs().advance(step, job.version(), List.of(lost))).isFalse();

    assertThat(store.deliveries().findTask(scope, won.id())).isPresent();
    assertThat(store.deliveries().findTask(scope, lost.id())).isEmpty();
    ReplayJobRecord stored = store.replayJobs().find(scope, job.id()).orElseThrow();
    assertThat(stored.cursorEventId()).isEqualTo(e.id());
    assertThat(stored.processed()).isEqualTo(1);
    assertThat(stored.leaseOwner()).isEqualTo("node-a");
  }

  @Test
  void taskCountsFollowTheStatusOfTheJobsOwnTasks() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    ReplayJobRecord job = insert(job(r, ANCIENT, NEVER));
    List<DeliveryTask> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(fx.task(r, e.id(), NEVER, clock.now()));
    }
    DeliveryTask notTheJobs = fx.task(r, e.id(), NEVER, clock.now());
    store.deliveries().insertTasks(List.of(notTheJobs));
    leaveBehind(List.of(notTheJobs));
    leaveBehind(tasks);
    ReplayJobRecord step = progress(job, ReplayJobRecord.RUNNING, 1, e.id(), "node-a");
    assertThat(store.replayJobs().advance(step, job.version(), tasks)).isTrue();
    settle(tasks.get(0), TaskStatus.SUCCEEDED);
    settle(tasks.get(1), TaskStatus.DEAD);

    assertThat(store.replayJobs().taskCounts(scope, job.id()))
        .isEqualTo(Map.of(TaskStatus.SUCCEEDED, 1, TaskStatus.DEAD, 1, TaskStatus.PENDING, 1));
    assertThat(store.replayJobs().taskCounts(other, job.id())).isEmpty();
  }

  @Test
  void theEventScanKeepsToTheWindowSourceAndStatusInIdOrderAfterTheCursor() {
    Route r = route(scope);
    Route otherSource = route(scope);
    Instant t0 = clock.now();
    EventRecord before = event(r, t0.minusSeconds(1));
    EventRecord a = event(r, t0);
    EventRecord elsewhere = event(otherSource, t0.plusSeconds(1));
    EventRecord dup = fx.duplicateOf(a, ids.next("evt"));
    store.events().insert(dup);
    EventRecord b = event(r, t0.plusSeconds(2));
    EventRecord c = event(r, t0.plusSeconds(3));
    EventRecord after = event(r, t0.plusSeconds(4));
    event(route(other), t0.plusSeconds(2));
    store.events().updateStatus(scope, b.id(), EventStatus.FAILED, t0);

    ReplayJobRecord all = job(r, t0, t0.plusSeconds(3));
    assertThat(ids(store.replayJobs().nextEvents(all, 10)))
        .containsExactly(a.id(), elsewhere.id(), b.id(), c.id())
        .doesNotContain(before.id(), dup.id(), after.id());
    assertThat(store.replayJobs().countEvents(all, 10)).isEqualTo(4);
    assertThat(store.replayJobs().countEvents(all, 3)).isEqualTo(3);
    assertThat(ids(store.replayJobs().nextEvents(all, 2))).containsExactly(a.id(), elsewhere.id());

    ReplayJobRecord ofSource = job(r, t0, t0.plusSeconds(3), r.sourceId(), null);
    ReplayJobRecord resumed = progress(ofSource, ReplayJobRecord.RUNNING, 1, a.id(), null);
    assertThat(ids(store.replayJobs().nextEvents(resumed, 10))).containsExactly(b.id(), c.id());
    assertThat(store.replayJobs().countEvents(resumed, 10)).isEqualTo(3);

    ReplayJobRecord failed = job(r, t0, t0.plusSeconds(3), r.sourceId(), EventStatus.FAILED);
    assertThat(ids(store.replayJobs().nextEvents(failed, 10))).containsExactly(b.id());
  }

  @Test
  void aNodeMayStepRunningJobsThatAreFreeItsOwnOrWhoseLeaseExpired() {
    Route r = route(scope);
    Instant now = clock.now();
    ReplayJobRecord free = insert(job(r, ANCIENT, NEVER));
    ReplayJobRecord mine = leased(insert(job(r, ANCIENT, NEVER)), "node-a", now.plusSeconds(30));
    ReplayJobRecord expired = leased(insert(job(r, ANCIENT, NEVER)), "node-b", now);
    ReplayJobRecord theirs = leased(insert(job(r, ANCIENT, NEVER)), "node-b", now.plusSeconds(30));
    ReplayJobRecord done = insert(job(r, ANCIENT, NEVER));
    assertThat(
            store
                .replayJobs()
                .compareAndSet(
                    progress(done, ReplayJobRecord.COMPLETED, 0, null, null), done.version()))
        .isTrue();

    List<String> runnable =
        store.replayJobs().runnable("node-a", now, 10_000).stream()
            .filter(j -> j.scope().equals(scope))
            .map(ReplayJobRecord::id)
            .toList();
    assertThat(runnable)
        .containsExactly(free.id(), mine.id(), expired.id())
        .doesNotContain(theirs.id(), done.id());
    assertThat(
            store.replayJobs().runnable("node-b", now.plus(Duration.ofSeconds(31)), 10_000).stream()
                .filter(j -> j.scope().equals(scope))
                .map(ReplayJobRecord::id))
        .contains(mine.id(), theirs.id());
  }

  private ReplayJobRecord insert(ReplayJobRecord job) {
    store.replayJobs().insert(job);
    return job;
  }

  private ReplayJobRecord leased(ReplayJobRecord job, String owner, Instant until) {
    ReplayJobRecord next =
        job.withProgress(job.status(), 0, 0, 0, 0, null, owner, until, null, clock.now());
    assertThat(store.replayJobs().compareAndSet(next, job.version())).isTrue();
    return next;
  }

  private ReplayJobRecord progress(
      ReplayJobRecord job, String status, int processed, String cursor, String owner) {
    Instant now = clock.now();
    return job.withProgress(
        status,
        processed,
        0,
        0,
        0,
        cursor,
        owner,
        owner == null ? null : now.plusSeconds(30),
        ReplayJobRecord.RUNNING.equals(status) ? null : now,
        now);
  }

  private void settle(DeliveryTask task, TaskStatus status) {
    DeliveryTask stored = store.deliveries().findTask(task.scope(), task.id()).orElseThrow();
    assertThat(
            store
                .deliveries()
                .update(stored.settled(status, 1, stored.nextAttemptAt(), clock.now())))
        .isTrue();
  }

  private ReplayJobRecord job(Route r, Instant from, Instant to) {
    return job(r, from, to, null, null);
  }

  private ReplayJobRecord job(
      Route r, Instant from, Instant to, String sourceId, EventStatus status) {
    return ReplayJobRecord.started(
        ids.next("rpl"),
        r.scope(),
        ReplayJobRecord.KIND_REPLAY,
        r.destinationId(),
        sourceId,
        status,
        null,
        from,
        to,
        10,
        1000,
        0,
        clock.now());
  }

  private static List<String> ids(List<EventRecord> events) {
    return events.stream().map(EventRecord::id).toList();
  }
}
