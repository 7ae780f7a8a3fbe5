package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.NodeRecord;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Nodes, their heartbeats, and the release of the leases of restarted and dead nodes. */
abstract class NodeContract extends RepositoryContract {

  NodeContract(StoreContract owner) {
    super(owner);
  }

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
    assertThat(
            store
                .deliveries()
                .settle(
                    restarted,
                    stale.settled(TaskStatus.SUCCEEDED, 1, clock.now(), clock.now()),
                    null))
        .isFalse();
    assertThat(
            store
                .deliveries()
                .renewLeases(restarted, List.of(stale.id()), clock.now().plusSeconds(60)))
        .isZero();
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
    assertThat(store.nodes().list())
        .extracting(NodeRecord::id, NodeRecord::lastHeartbeatAt)
        .contains(Tuple.tuple(dead, start), Tuple.tuple(alive, clock.now()));

    assertThat(store.nodes().releaseSilent(start, clock.now())).doesNotContain(dead, alive);
    assertThat(store.nodes().releaseSilent(clock.now().minusSeconds(10), clock.now()))
        .contains(dead)
        .doesNotContain(alive);
    assertThat(store.nodes().list())
        .extracting(NodeRecord::id)
        .contains(alive)
        .doesNotContain(dead);
    assertThat(store.deliveries().findTask(scope, lost.id()).orElseThrow().leaseOwner()).isNull();
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
    List<List<String>> found =
        Concurrently.run(
            8, i -> () -> store.nodes().releaseSilent(clock.now().minusSeconds(20), clock.now()));
    assertThat(found.stream().flatMap(List::stream).filter(dead::contains))
        .containsExactlyInAnyOrderElementsOf(dead);
  }
}
