package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Claims of due delivery tasks, destination by destination, as the scheduler runs them: which tasks
 * are due, leases and their expiry, in-flight limits, ordered delivery, racing claimers.
 */
abstract class ClaimContract extends RepositoryContract {

  ClaimContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void claimsTakeOnlyDueTasksAndLeaseThemToTheCaller() {
    Instant now = ANCIENT.plus(Duration.ofDays(1));
    Route r = route(scope);
    EventRecord e = event(r, now);
    DeliveryTask due2 = withSequence(fx.task(r, e.id(), now.minusSeconds(300), now), 1);
    DeliveryTask due1 = withSequence(fx.task(r, e.id(), now.minusSeconds(100), now), 2);
    DeliveryTask due3 = withSequence(fx.task(r, e.id(), now, now), 3); // due at exactly now
    DeliveryTask later = withSequence(fx.task(r, e.id(), now.plusSeconds(1), now), 4);
    store.deliveries().insertTasks(List.of(due1, due2, due3, later));
    Set<String> mine = Set.of(due1.id(), due2.id(), due3.id(), later.id());

    List<DeliveryTask> claimed = claimAt(r, "node-a", now, now.plusSeconds(60));
    assertThat(ours(claimed, mine)).containsExactly(due2.id(), due1.id(), due3.id());
    assertThat(claimed)
        .allSatisfy(
            t -> {
              assertThat(t.leaseOwner()).isEqualTo("node-a");
              assertThat(t.leaseExpiresAt()).isEqualTo(now.plusSeconds(60));
            });
    DeliveryTask stored = store.deliveries().findTask(scope, due2.id()).orElseThrow();
    assertThat(stored.leaseOwner()).isEqualTo("node-a");
    assertThat(stored.version()).isEqualTo(due2.version() + 1);
    assertThat(ours(claimAt(r, "node-b", now, now.plusSeconds(60)), mine)).isEmpty();
    assertThat(ours(claimAt(r, "node-b", now.plusSeconds(1), now.plusSeconds(60)), mine))
        .containsExactly(later.id());
  }

  @Test
  void concurrentClaimsHandEachTaskToExactlyOneCaller() throws Exception {
    Instant now = ANCIENT.plus(Duration.ofDays(3));
    Route r = route(scope);
    EventRecord e = event(r, now);
    List<DeliveryTask> tasks =
        IntStream.range(0, 2000)
            .mapToObj(i -> fx.task(r, e.id(), now.minusMillis(i), now))
            .toList();
    store.deliveries().insertTasks(tasks);
    Set<String> mine = tasks.stream().map(DeliveryTask::id).collect(Collectors.toSet());

    int threads = 8;
    List<List<String>> perThread =
        Concurrently.run(threads, i -> () -> claimAll(r, "node-" + i, now, NEVER));
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

    DeliveryTask claimedByA = only(claim(r, "node-a", Duration.ofSeconds(30)), mine);
    assertThat(ours(claim(r, "node-b", Duration.ofSeconds(30)), mine)).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(ours(claim(r, "node-b", Duration.ofSeconds(30)), mine)).isEmpty();
    assertThat(
            store
                .deliveries()
                .renewLeases("node-b", List.of(task.id()), clock.now().plusSeconds(30)))
        .isZero();

    clock.advance(Duration.ofSeconds(1)); // the lease ends now
    DeliveryTask claimedByB = only(claim(r, "node-b", Duration.ofSeconds(30)), mine);
    assertThat(claimedByB.leaseOwner()).isEqualTo("node-b");

    DeliveryTask done = claimedByA.settled(TaskStatus.SUCCEEDED, 1, clock.now(), clock.now());
    AttemptRecord lostAttempt = fx.attempt(claimedByA, 1, "success", false, clock.now());
    assertThat(store.deliveries().settle("node-a", done, lostAttempt)).isFalse();
    assertThat(store.deliveries().findAttempt(scope, lostAttempt.id())).isEmpty();
    assertThat(
            store
                .deliveries()
                .renewLeases("node-a", List.of(task.id()), clock.now().plusSeconds(60)))
        .isZero();
    assertThat(
            store
                .deliveries()
                .renewLeases("node-b", List.of(task.id()), clock.now().plusSeconds(60)))
        .isEqualTo(1);
    clock.advance(Duration.ofSeconds(45)); // past the first lease, inside the renewed one
    assertThat(ours(claim(r, "node-c", Duration.ofSeconds(30)), mine)).isEmpty();

    DeliveryTask renewed = store.deliveries().findTask(scope, task.id()).orElseThrow();
    assertThat(renewed.leaseExpiresAt()).isEqualTo(clock.now().plusSeconds(15));
    DeliveryTask settled =
        renewed.settled(TaskStatus.SUCCEEDED, 1, renewed.nextAttemptAt(), clock.now());
    AttemptRecord attempt = fx.attempt(renewed, 1, "success", false, clock.now());
    assertThat(store.deliveries().settle("node-b", settled, attempt)).isTrue();
    DeliveryTask stored = store.deliveries().findTask(scope, task.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(stored.leaseOwner()).isNull();
    assertThat(store.deliveries().findAttempt(scope, attempt.id())).isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(ours(claim(r, "node-c", Duration.ofSeconds(30)), mine)).isEmpty();
  }

  @Test
  void settledRetryBecomesDueAtItsNextAttempt() {
    Route r = route(scope);
    EventRecord e = event(r, clock.now());
    DeliveryTask task = fx.task(r, e.id(), ANCIENT, clock.now());
    store.deliveries().insertTasks(List.of(task));
    Set<String> mine = Set.of(task.id());

    DeliveryTask claimed = only(claim(r, "node-a", Duration.ofMinutes(5)), mine);
    DeliveryTask retry =
        claimed.settled(
            TaskStatus.PENDING, 1, clock.now().plus(Duration.ofMinutes(10)), clock.now());
    assertThat(
            store
                .deliveries()
                .settle("node-a", retry, fx.attempt(claimed, 1, "failed", false, clock.now())))
        .isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(ours(claim(r, "node-a", Duration.ofMinutes(5)), mine)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    DeliveryTask again = only(claim(r, "node-b", Duration.ofMinutes(5)), mine);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.leaseOwner()).isEqualTo("node-b");
    retire(task);
  }

  @Test
  void destinationClaimTakesLowestSequenceFirstUpToTheLimit() {
    Route a = route(scope);
    Route b = route(scope);
    insertReversed(a, 5);
    insertReversed(b, 5);
    Instant now = clock.now();
    List<DeliveryTask> got = destinationClaim(a, "n1", 3, 10, false, null);
    assertThat(got).extracting(DeliveryTask::sequence).containsExactly(96L, 97L, 98L);
    assertThat(got)
        .allSatisfy(
            t -> {
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
    leaveBehind(List.of(first, other, alone, orphan));

    List<ClaimedTask> got =
        store
            .deliveries()
            .claimDeliveries(
                new DestinationClaim(
                    a.destinationId(),
                    "n1",
                    clock.now(),
                    clock.now().plusSeconds(60),
                    10,
                    10,
                    false,
                    null));

    assertThat(got)
        .extracting(c -> c.task().id())
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
    assertThat(
            store
                .deliveries()
                .claimDeliveries(
                    new DestinationClaim(
                        a.destinationId(),
                        "n2",
                        clock.now(),
                        clock.now().plusSeconds(60),
                        10,
                        10,
                        false,
                        null)))
        .isEmpty();
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
  void destinationClaimLeavesTheOwnersAnsweredTasksOutOfMaxLeased() {
    Route a = route(scope);
    insertReversed(a, 10);
    List<DeliveryTask> first = destinationClaim(a, "n1", 3, 3, false, null);
    assertThat(first).hasSize(3);
    Set<String> answered = Set.of(first.get(0).id(), first.get(1).id());
    assertThat(destinationClaim(a, "n2", 10, 3, false, null, answered))
        .as("another owner's answered tasks")
        .isEmpty();
    assertThat(destinationClaim(a, "n1", 10, 3, false, null, answered)).hasSize(2);
    assertThat(destinationClaim(a, "n1", 10, 3, false, null, answered))
        .as("the new leases count")
        .isEmpty();
  }

  @Test
  void destinationClaimSeesExpiredLeasesAsFreeAndTheirTasksAsDue() {
    Route a = route(scope);
    insertReversed(a, 2);
    assertThat(destinationClaim(a, "n1", 2, 2, false, null)).hasSize(2);
    assertThat(destinationClaim(a, "n2", 2, 2, false, null)).isEmpty();
    clock.advance(Duration.ofSeconds(60)); // the leases end at exactly now
    assertThat(destinationClaim(a, "n2", 5, 2, false, null))
        .hasSize(2)
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
    assertThat(destinationClaim(p, "n1", 5, 5, true, null))
        .extracting(DeliveryTask::sequence)
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
        .extracting(DeliveryTask::sequence)
        .containsExactly(1L, 2L);
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
    Set<String> mine =
        Set.of(a.destinationId(), b.destinationId(), later.destinationId(), leased.destinationId());

    assertThat(dueDestinations(now, List.of(), mine))
        .containsExactly(b.destinationId(), a.destinationId());
    assertThat(dueDestinations(now, List.of(b.destinationId()), mine))
        .containsExactly(a.destinationId());
    destinationClaim(b, "n1", 1, 1, false, null);
    assertThat(dueDestinations(now, List.of(), mine)).containsExactly(a.destinationId());
    assertThat(dueDestinations(now.plusSeconds(5), List.of(), mine))
        .contains(later.destinationId());
  }

  @Test
  void concurrentDestinationClaimsNeverShareATaskNorExceedMaxLeased() throws Exception {
    Route a = route(scope);
    insertReversed(a, 100);
    List<List<DeliveryTask>> got =
        Concurrently.run(8, i -> () -> destinationClaim(a, "n" + i, 10, 25, false, null));
    List<String> ids = got.stream().flatMap(List::stream).map(DeliveryTask::id).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSizeBetween(1, 25);
    // A claim may come back short while another claim of the destination runs; later ones fill up.
    assertThat(destinationClaim(a, "late", 25, 25, false, null)).hasSize(25 - ids.size());
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
    List<List<DeliveryTask>> got =
        Concurrently.run(8, i -> () -> destinationClaim(o, "n" + i, 5, 1, true, null));
    assertThat(got.stream().mapToInt(List::size).sum()).isEqualTo(1);
    assertThat(got.stream().flatMap(List::stream).findFirst().orElseThrow().sequence())
        .isEqualTo(91L);
  }

  @Test
  void claimDeliveriesCarriesTheEventsSourceReceivedTimeMethodAndHeaders() {
    Route r = route(scope);
    Instant received = clock.now().minusSeconds(5);
    EventRecord e = event(r, received);
    store.deliveries().insertTasks(List.of(fx.task(r, e.id(), clock.now(), clock.now())));

    ClaimedTask got =
        store
            .deliveries()
            .claimDeliveries(
                new DestinationClaim(
                    r.destinationId(),
                    "n1",
                    clock.now(),
                    clock.now().plusSeconds(60),
                    10,
                    10,
                    false,
                    null))
            .get(0);

    assertThat(got.event().sourceId()).isEqualTo(r.sourceId());
    assertThat(got.event().receivedAt()).isEqualTo(received);
    assertThat(got.event().method()).isEqualTo("POST");
    assertThat(got.event().headers()).isEqualTo(e.headers());
  }

  private List<String> dueDestinations(Instant now, List<String> excluded, Set<String> mine) {
    return store.deliveries().dueDestinations(now, 1000, excluded).stream()
        .filter(mine::contains)
        .toList();
  }
}
