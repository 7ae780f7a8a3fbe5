package io.hookstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.NodeRecord;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leases of a node that died: a node restarted under the same id takes them back at once, and other
 * nodes release them once the dead node has missed its heartbeats, long before the leases expire; a
 * node that closes gives back what it claimed but never started. A crashed node holds exactly the
 * destination's max in flight, so until its leases are released nobody may deliver to that
 * destination. Time is the manual clock.
 */
@Timeout(60)
class NodeLeasesTest {

  private static final int EVENTS = 30;
  private static final int MAX_IN_FLIGHT = 4;

  private final DeliveryFixture f = new DeliveryFixture();
  private final BlockingProvider crashedProvider = new BlockingProvider();
  private final List<String> events = new ArrayList<>();

  @Test
  void aNodeRestartedUnderItsIdTakesBackItsLeasesWithoutWaitingForThem() throws Exception {
    crashWhileDelivering("node-1");
    DeliveryScheduler other = f.scheduler().owner("node-2").build();
    assertThat(other.runDueNow().claimed())
        .as("the dead node's leases fill max in flight")
        .isZero();

    DeliveryScheduler restarted = f.scheduler().owner("node-1").build();
    RunResult run = restarted.runDueNow(); // the clock has not moved

    assertThat(run.succeeded()).isEqualTo(EVENTS);
    assertEveryEventDeliveredWithDuplicatesOnlyForTheInFlightOnes();
  }

  @Test
  void survivorsReleaseADeadNodesLeasesOnceItMissedFourHeartbeats() throws Exception {
    crashWhileDelivering("node-1");
    DeliveryFixture.Node survivor = f.node("node-2");
    Duration waited = Duration.ZERO;
    while (survivor.runDue().claimed() == 0) {
      assertThat(waited).as("still waiting").isLessThan(DeliveryScheduler.DEFAULT_LEASE);
      f.clock.advance(Hookstream.Builder.DEFAULT_HEARTBEAT_INTERVAL);
      waited = waited.plus(Hookstream.Builder.DEFAULT_HEARTBEAT_INTERVAL);
    }

    // Silent for 20 s is still alive; the first beat of the survivor after that releases it.
    assertThat(waited).isEqualTo(Duration.ofSeconds(25));
    assertThat(f.store.nodes().list())
        .extracting(NodeRecord::id)
        .doesNotContain("node-1")
        .contains("node-2");
    assertEveryEventDeliveredWithDuplicatesOnlyForTheInFlightOnes();
  }

  @Test
  void aSurvivorWhoseOwnClockJumpedBeatsOnceBeforeItJudgesOthers() throws Exception {
    crashWhileDelivering("node-1");
    DeliveryFixture.Node survivor = f.node("node-2");
    survivor.runDue();
    f.clock.advance(Duration.ofSeconds(30)); // as if node-2 had been paused as long as node-1
    assertThat(survivor.runDue().claimed()).isZero();

    f.clock.advance(Hookstream.Builder.DEFAULT_HEARTBEAT_INTERVAL);
    assertThat(survivor.runDue().succeeded()).isEqualTo(EVENTS);
  }

  @Test
  void aGracefulCloseGivesBackTheTasksNoWorkerStartedSoAnotherNodeGoesOnAtOnce() throws Exception {
    int workers = 4;
    for (int d = 0; d < 10; d++) { // two tasks per destination may be held: 20 claimed, 4 run
      DestinationRecord destination = f.destination("d" + d);
      crashedProvider.block(destination.id());
      for (int i = 0; i < 3; i++) {
        events.add(f.event("{\"d\":" + d + "}", destination));
      }
    }
    DeliveryScheduler closing =
        f.schedulerOn(f.store, Map.of("test", crashedProvider))
            .owner("node-1")
            .workerThreads(workers)
            .pollInterval(Duration.ofMillis(10))
            .shutdownGrace(Duration.ofSeconds(20))
            .build();
    closing.start();
    assertThat(crashedProvider.arrivals.tryAcquire(workers, 20, TimeUnit.SECONDS)).isTrue();
    assertThat(leasedBy("node-1")).isEqualTo(20);

    CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
    awaitTrue(() -> leasedBy("node-1") == workers); // the queued 16 are given back at once
    crashedProvider.release(workers); // the running four finish within the grace
    closed.get(20, TimeUnit.SECONDS);

    assertThat(leasedBy("node-1")).isZero();
    RunResult next = f.scheduler().owner("node-2").build().runDueNow(); // the clock stands still
    assertThat(next.succeeded()).isEqualTo(events.size() - workers);
    assertThat(crashedProvider.delivered)
        .hasSize(workers)
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(
            f.provider.received().stream().map(ScriptedProvider.Received::eventId).toList());
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
      LockSupport.parkNanos(5_000_000);
    }
  }

  /**
   * Node {@code id} starts, claims {@link #MAX_IN_FLIGHT} tasks of one destination and is in the
   * middle of delivering them when its process dies: it neither settles nor gives anything back.
   */
  private void crashWhileDelivering(String id) throws Exception {
    CrashableStore node = new CrashableStore(f.store);
    DestinationRecord d =
        f.destination("d", RetryPolicy.DEFAULT, new Delivery(MAX_IN_FLIGHT, false, null));
    crashedProvider.block(d.id());
    for (int i = 0; i < EVENTS; i++) {
      events.add(f.event("{\"i\":" + i + "}", d));
    }
    DeliveryScheduler crashing =
        f.schedulerOn(node, Map.of("test", crashedProvider))
            .owner(id)
            .workerThreads(2 * MAX_IN_FLIGHT)
            .pollInterval(Duration.ofMillis(10))
            .shutdownGrace(Duration.ZERO)
            .build();
    crashing.start();
    f.jobs(id, node).runDue(); // as its engine's start() does: the first heartbeat
    assertThat(crashedProvider.arrivals.tryAcquire(MAX_IN_FLIGHT, 20, TimeUnit.SECONDS))
        .as("deliveries in flight")
        .isTrue();
    node.crash();
    crashing.close(); // it reaches the store no more: nothing is settled or given back
    assertThat(leasedBy(id)).isEqualTo(MAX_IN_FLIGHT);
  }

  private void assertEveryEventDeliveredWithDuplicatesOnlyForTheInFlightOnes() {
    Map<String, Integer> deliveries = new HashMap<>();
    crashedProvider.delivered.forEach(e -> deliveries.merge(e, 1, Integer::sum));
    f.provider.received().forEach(r -> deliveries.merge(r.eventId(), 1, Integer::sum));
    assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(events);
    assertThat(deliveries.values().stream().mapToInt(n -> n - 1).sum()).isEqualTo(MAX_IN_FLIGHT);
    for (String e : events) {
      assertThat(f.tasksOf(e))
          .singleElement()
          .extracting(DeliveryTask::status)
          .isEqualTo(TaskStatus.SUCCEEDED);
    }
  }

  private long leasedBy(String owner) {
    return events.stream()
        .flatMap(e -> f.tasksOf(e).stream())
        .filter(t -> owner.equals(t.leaseOwner()) && t.leased(f.clock.now()))
        .count();
  }
}
