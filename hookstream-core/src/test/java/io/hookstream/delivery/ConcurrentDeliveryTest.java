package io.hookstream.delivery;

import static io.hookstream.delivery.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A started scheduler on real threads: limits, isolation, wake-ups, and a crashed node. */
@Timeout(60)
class ConcurrentDeliveryTest {

  private final DeliveryFixture f = new DeliveryFixture();

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(20, TimeUnit.SECONDS)).as("timed out waiting").isTrue();
  }

  private static void acquire(java.util.concurrent.Semaphore s, int n) throws InterruptedException {
    assertThat(s.tryAcquire(n, 20, TimeUnit.SECONDS)).as("timed out waiting").isTrue();
  }

  @Test
  void neverMoreThanMaxInFlightPerDestination() throws Exception {
    BlockingProvider provider = new BlockingProvider();
    DestinationRecord d =
        f.destination("limited", RetryPolicy.DEFAULT, new Delivery(3, false, null));
    provider.block(d.id());
    for (int i = 0; i < 20; i++) {
      f.event("{}", d);
    }
    CountDownLatch done = new CountDownLatch(20);
    try (DeliveryScheduler scheduler =
        f.scheduler(Map.of("test", provider))
            .workerThreads(16)
            .pollInterval(Duration.ofMillis(10))
            .attemptListener(a -> done.countDown())
            .build()) {
      scheduler.start();
      acquire(provider.arrivals, 3);
      assertThat(provider.inFlight(d.id())).isEqualTo(3);
      // Free one slot at a time; each time the scheduler fills it, never beyond 3.
      for (int i = 3; i < 20; i++) {
        provider.release(1);
        acquire(provider.arrivals, 1);
        assertThat(provider.inFlight(d.id())).isLessThanOrEqualTo(3);
      }
      provider.release(3);
      await(done);
    }
    assertThat(provider.maxInFlight(d.id())).isEqualTo(3);
    assertThat(provider.delivered).hasSize(20);
  }

  @Test
  void aSlowDestinationDoesNotDelayAnother() throws Exception {
    BlockingProvider provider = new BlockingProvider();
    DestinationRecord slow =
        f.destination("slow", RetryPolicy.DEFAULT, new Delivery(2, false, null));
    DestinationRecord fast = f.destination("fast");
    provider.block(slow.id());
    for (int i = 0; i < 30; i++) {
      f.event("{}", slow);
    }
    List<String> fastEvents = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fastEvents.add(f.event("{}", fast));
    }
    CountDownLatch fastDone = new CountDownLatch(10);
    try (DeliveryScheduler scheduler =
        f.scheduler(Map.of("test", provider))
            .workerThreads(4)
            .pollInterval(Duration.ofMillis(10))
            .shutdownGrace(Duration.ZERO)
            .attemptListener(
                a -> {
                  if (a.destinationId().equals(fast.id())) {
                    fastDone.countDown();
                  }
                })
            .build()) {
      scheduler.start();
      acquire(provider.arrivals, 2); // the slow destination holds its 2 slots...
      await(fastDone); // ...and the fast one's 10 events all go through meanwhile
      assertThat(provider.inFlight(slow.id())).isEqualTo(2);
      assertThat(provider.delivered).containsAll(fastEvents);
      provider.release(100);
    }
  }

  @Test
  void advancingTheManualClockWakesAStartedScheduler() throws Exception {
    DestinationRecord d = f.destination("retrying");
    f.provider.script(d.id(), r -> status(503));
    BlockingQueue<AttemptRecord> attempts = new LinkedBlockingQueue<>();
    try (DeliveryScheduler scheduler =
        f.scheduler()
            .pollInterval(Duration.ofHours(1)) // only wake-ups can drive it
            .attemptListener(attempts::add)
            .build()) {
      scheduler.start();
      f.event("{}", d);
      scheduler.wake();
      assertThat(attempts.poll(20, TimeUnit.SECONDS).attemptNumber()).isEqualTo(1);
      f.clock.advance(Duration.ofSeconds(30));
      assertThat(attempts.poll(20, TimeUnit.SECONDS).attemptNumber()).isEqualTo(2);
      f.clock.advance(Duration.ofMinutes(5));
      AttemptRecord third = attempts.poll(20, TimeUnit.SECONDS);
      assertThat(third.attemptNumber()).isEqualTo(3);
      assertThat(third.nextRetryAt()).isEqualTo(f.clock.now().plus(Duration.ofMinutes(30)));
    }
  }

  /** Waits (bounded) until {@code condition} holds; for effects of another thread. */
  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Test
  void heartbeatKeepsALongDeliveryLeasedSoNoOtherNodeDuplicatesIt() throws Exception {
    BlockingProvider provider = new BlockingProvider();
    DestinationRecord d = f.destination("long");
    provider.block(d.id());
    String evt = f.event("{}", d);
    try (DeliveryScheduler a =
        f.scheduler(Map.of("test", provider))
            .owner("node-a")
            .pollInterval(Duration.ofHours(1))
            .build()) {
      a.start();
      a.wake();
      acquire(provider.arrivals, 1);
      java.time.Instant firstLease = f.tasksOf(evt).get(0).leaseExpiresAt();
      for (int i = 0; i < 5; i++) { // 5 × 30 s: far beyond the first 60 s lease
        f.clock.advance(Duration.ofSeconds(30));
        java.time.Instant expected = f.clock.now().plusSeconds(60);
        eventually(() -> expected.equals(f.tasksOf(evt).get(0).leaseExpiresAt()));
      }
      assertThat(f.tasksOf(evt).get(0).leaseExpiresAt()).isAfter(firstLease.plusSeconds(60));
      DeliveryScheduler b = f.scheduler().owner("node-b").build();
      assertThat(b.runDueNow().claimed()).isZero();
      provider.release(1);
      eventually(() -> f.tasksOf(evt).get(0).status() == TaskStatus.SUCCEEDED);
    }
    assertThat(provider.delivered).containsExactly(evt);
  }

  @Test
  void aNodeDyingRightAfterSettlingLeavesEachEventWithItsFinalStatus() {
    DestinationRecord ok = f.destination("ok");
    DestinationRecord gone = f.destination("gone");
    f.provider.script(gone.id(), r -> ScriptedProvider.status(410));
    String delivered = deliverOnANodeThatDiesAfterSettling(f.event("{\"n\":1}", ok));
    String failed = deliverOnANodeThatDiesAfterSettling(f.event("{\"n\":2}", gone));
    assertThat(f.status(delivered)).isEqualTo(EventStatus.DELIVERED);
    assertThat(f.status(failed)).isEqualTo(EventStatus.FAILED);
  }

  private String deliverOnANodeThatDiesAfterSettling(String eventId) {
    CrashableStore node = new CrashableStore(f.store);
    node.crashAfterNextSettle();
    DeliveryScheduler dies =
        f.schedulerOn(node, Map.of("test", f.provider)).owner("dies-" + eventId).build();
    assertThatThrownBy(dies::runDueNow).hasMessageContaining("crashed after settling");
    return eventId;
  }

  @Test
  void crashedNodesTasksAreDeliveredByAnotherAfterTheLeaseExpires() throws Exception {
    CrashableStore nodeA = new CrashableStore(f.store);
    BlockingProvider providerA = new BlockingProvider();
    List<DestinationRecord> destinations = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      DestinationRecord d = f.destination("d" + i);
      providerA.block(d.id());
      destinations.add(d);
      for (int j = 0; j < 10; j++) {
        events.add(f.event("{\"i\":" + (i * 10 + j) + "}", d));
      }
    }
    int workers = 20;
    DeliveryScheduler a =
        f.schedulerOn(nodeA, Map.of("test", providerA))
            .owner("node-a")
            .workerThreads(workers)
            .batchSize(1000)
            .pollInterval(Duration.ofMillis(10))
            .shutdownGrace(Duration.ofMillis(100))
            .build();
    a.start();
    // Every worker is stuck in a delivery; the rest of the 1,000 are claimed and queued.
    acquire(providerA.arrivals, workers);
    assertThat(leasedBy("node-a", events)).isEqualTo(1000);
    int inFlightAtCrash = providerA.delivered.size();
    assertThat(inFlightAtCrash).isEqualTo(workers);

    nodeA.crash();
    a.close(); // nothing it does reaches the store any more: no settle, no release
    assertThat(leasedBy("node-a", events)).isEqualTo(1000);

    ScriptedProvider providerB = f.provider;
    DeliveryScheduler b = f.scheduler().owner("node-b").build();
    assertThat(b.runDueNow().claimed()).as("leases still live").isZero();
    f.clock.advance(DeliveryScheduler.DEFAULT_LEASE.plusSeconds(1));
    RunResult run = b.runDueNow();

    assertThat(run.succeeded()).isEqualTo(1000);
    for (String e : events) {
      assertThat(f.tasksOf(e))
          .singleElement()
          .extracting(DeliveryTask::status)
          .isEqualTo(TaskStatus.SUCCEEDED);
    }
    Map<String, Integer> deliveries = new HashMap<>();
    providerA.delivered.forEach(e -> deliveries.merge(e, 1, Integer::sum));
    providerB.received().forEach(r -> deliveries.merge(r.eventId(), 1, Integer::sum));
    assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(events);
    long duplicates = deliveries.values().stream().filter(n -> n > 1).count();
    assertThat(duplicates).isLessThanOrEqualTo(inFlightAtCrash);
    assertThat(deliveries.values()).allMatch(n -> n <= 2);
  }

  private long leasedBy(String owner, List<String> events) {
    Set<String> seen = new HashSet<>();
    for (String e : events) {
      for (DeliveryTask t : f.tasksOf(e)) {
        if (owner.equals(t.leaseOwner()) && t.leased(f.clock.now())) {
          seen.add(t.id());
        }
      }
    }
    return seen.size();
  }
}
