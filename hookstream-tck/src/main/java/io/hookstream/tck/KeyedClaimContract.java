package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-key ordering in claims: a task with an ordering key is claimable only while no earlier
 * pending task of its destination has the same key, whether that one is leased, due or waiting for
 * a retry. So one task per key is in flight, keys go in parallel, and only a key whose head is
 * retrying waits.
 */
abstract class KeyedClaimContract extends RepositoryContract {

  KeyedClaimContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void sameKeyTasksAreClaimedOneAtATimeInSequenceOrder() {
    Route r = route(scope);
    DeliveryTask third = keyed(r, "cus_1", 3, clock.now());
    DeliveryTask second = keyed(r, "cus_1", 2, clock.now());
    DeliveryTask first = keyed(r, "cus_1", 1, clock.now());

    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null))).containsExactly(first.id());
    assertThat(destinationClaim(r, "n2", 10, 10, false, null)).isEmpty();

    settle(first, "n1", TaskStatus.SUCCEEDED, clock.now());
    assertThat(ids(destinationClaim(r, "n2", 10, 10, false, null))).containsExactly(second.id());

    // A dead-lettered head frees its key too.
    settle(second, "n2", TaskStatus.DEAD, clock.now());
    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null))).containsExactly(third.id());
  }

  @Test
  void aRetryingHeadBlocksOnlyItsKey() {
    Instant now = clock.now();
    Route r = route(scope);
    DeliveryTask head = keyed(r, "cus_a", 1, now);
    DeliveryTask behind = keyed(r, "cus_a", 2, now);
    DeliveryTask otherKey = keyed(r, "cus_b", 3, now);
    assertThat(ids(destinationClaim(r, "n1", 1, 10, false, null))).containsExactly(head.id());
    settle(head, "n1", TaskStatus.PENDING, now.plusSeconds(30)); // failed, retries in 30 s

    DeliveryTask unkeyed = keyed(r, null, 4, now);
    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null)))
        .containsExactly(otherKey.id(), unkeyed.id());

    clock.advance(Duration.ofSeconds(30));
    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null))).containsExactly(head.id());
    settle(head, "n1", TaskStatus.SUCCEEDED, clock.now());
    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null))).containsExactly(behind.id());
  }

  @Test
  void aHeadWhoseLeaseExpiredIsClaimedAgainBeforeItsSuccessor() {
    Route r = route(scope);
    DeliveryTask head = keyed(r, "cus_1", 1, clock.now());
    keyed(r, "cus_1", 2, clock.now());
    assertThat(ids(destinationClaim(r, "n1", 10, 10, false, null))).containsExactly(head.id());

    clock.advance(Duration.ofSeconds(60)); // the lease ends: n1 is gone
    assertThat(ids(destinationClaim(r, "n2", 10, 10, false, null))).containsExactly(head.id());
  }

  @Test
  void unkeyedTasksAreClaimedAsBeforeAlongsideKeyedOnes() {
    Route r = route(scope);
    List<String> unkeyed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keyed(r, "cus_1", 2L * i + 1, clock.now());
      unkeyed.add(keyed(r, null, 2L * i + 2, clock.now()).id());
    }
    List<String> got = ids(destinationClaim(r, "n1", 10, 10, false, null));
    assertThat(got).hasSize(6).containsAll(unkeyed);
  }

  @Test
  void differentKeysGoInParallelEachWithItsFirstTask() {
    Route r = route(scope);
    Map<String, String> firstOfKey = new HashMap<>();
    long sequence = 1;
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 10; k++) {
        DeliveryTask t = keyed(r, "key-" + k, sequence++, clock.now());
        firstOfKey.putIfAbsent(t.orderingKey(), t.id());
      }
    }
    List<DeliveryTask> got = destinationClaim(r, "n1", 100, 100, false, null);
    assertThat(ids(got)).containsExactlyInAnyOrderElementsOf(firstOfKey.values());
    assertThat(destinationClaim(r, "n2", 100, 100, false, null)).isEmpty();
  }

  @Test
  void keysAreIndependentPerDestination() {
    Route a = route(scope);
    Route b = route(scope);
    DeliveryTask onA = keyed(a, "cus_1", 1, clock.now());
    DeliveryTask onB = keyed(b, "cus_1", 2, clock.now());
    assertThat(ids(destinationClaim(b, "n1", 10, 10, false, null))).containsExactly(onB.id());
    assertThat(ids(destinationClaim(a, "n1", 10, 10, false, null))).containsExactly(onA.id());
  }

  @Test
  void anOrderedDestinationStillTakesOnlyItsHeadOfLine() {
    Route r = route(scope);
    DeliveryTask first = keyed(r, "cus_1", 1, clock.now());
    keyed(r, "cus_2", 2, clock.now());
    assertThat(ids(destinationClaim(r, "n1", 10, 10, true, null))).containsExactly(first.id());
    assertThat(destinationClaim(r, "n1", 10, 10, true, null)).isEmpty();
  }

  @Test
  void concurrentClaimersNeverHoldTwoTasksOfOneKey() throws Exception {
    Route r = route(scope);
    long sequence = 1;
    for (int round = 0; round < 5; round++) {
      for (int k = 0; k < 20; k++) {
        keyed(r, "key-" + k, sequence++, clock.now());
      }
    }
    List<List<DeliveryTask>> got =
        Concurrently.run(8, i -> () -> destinationClaim(r, "n" + i, 10, 100, false, null));
    List<DeliveryTask> all = new ArrayList<>(got.stream().flatMap(List::stream).toList());
    // A claim may come back short while another claim of the destination runs; later ones fill up.
    all.addAll(destinationClaim(r, "late", 100, 100, false, null));
    assertThat(all).extracting(DeliveryTask::orderingKey).hasSize(20).doesNotHaveDuplicates();
    assertThat(all).extracting(DeliveryTask::sequence).allMatch(s -> s <= 20);
  }

  @Test
  void tasksAndConnectionsKeepTheirOrderingKey() {
    Route r = route(scope);
    DeliveryTask t = keyed(r, "{\"shop\":7}", 1, clock.now());
    assertThat(store.deliveries().findTask(scope, t.id()).orElseThrow().orderingKey())
        .isEqualTo("{\"shop\":7}");

    ConnectionRecord keyedConnection =
        fx.connection(
            scope,
            ids.next("conn"),
            "keyed",
            r.sourceId(),
            r.destinationId(),
            "payload.customer_id",
            1,
            clock.now());
    store.connections().insert(keyedConnection);
    assertThat(store.connections().find(scope, keyedConnection.id()).orElseThrow().orderingKey())
        .isEqualTo("payload.customer_id");
    assertThat(store.connections().listForSource(scope, r.sourceId()))
        .extracting(ConnectionRecord::orderingKey)
        .containsExactlyInAnyOrder(null, "payload.customer_id");
  }

  /** Inserts a due task of {@code r} with {@code key} (null: unkeyed) and {@code sequence}. */
  private DeliveryTask keyed(Route r, String key, long sequence, Instant due) {
    EventRecord e = event(r, clock.now());
    DeliveryTask withKey = withSequenceAndKey(fx.task(r, e.id(), due, clock.now()), sequence, key);
    store.deliveries().insertTasks(List.of(withKey));
    leaveBehind(List.of(withKey));
    return withKey;
  }

  /**
   * Settles the claimed {@code task} as {@code owner}: a new status, next attempt at {@code next}.
   */
  private void settle(DeliveryTask task, String owner, TaskStatus status, Instant next) {
    DeliveryTask stored = store.deliveries().findTask(scope, task.id()).orElseThrow();
    DeliveryTask updated = stored.settled(status, stored.attempts() + 1, next, clock.now());
    assertThat(store.deliveries().settle(owner, updated, null)).isTrue();
  }

  private static List<String> ids(List<DeliveryTask> tasks) {
    return tasks.stream().map(DeliveryTask::id).toList();
  }
}
