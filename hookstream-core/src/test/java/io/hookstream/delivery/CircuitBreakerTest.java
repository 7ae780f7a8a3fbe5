package io.hookstream.delivery;

import static io.hookstream.delivery.ScriptedProvider.ok;
import static io.hookstream.delivery.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final DeliveryFixture f = new DeliveryFixture();
  private final DeliveryScheduler scheduler = f.scheduler().build();
  private final AtomicBoolean healthy = new AtomicBoolean(false);

  private DestinationRecord flaky(RetryPolicy retry) {
    DestinationRecord d = f.destination("flaky", retry, Delivery.DEFAULT);
    f.provider.script(d.id(), r -> healthy.get() ? ok() : status(503));
    return d;
  }

  /** Five events that fail at once: the fifth consecutive failure opens the circuit. */
  private void openCircuit(DestinationRecord d) {
    for (int i = 0; i < 5; i++) {
      f.event("{}", d);
    }
    scheduler.runDueNow();
  }

  private String stateOf(DestinationRecord d) {
    return f.circuits.state(DeliveryFixture.SCOPE, d.id()).state();
  }

  @Test
  void fullCycleQueuesWhileOpenProbesAfterCooldownAndFlushesInOrder() {
    DestinationRecord d = flaky(RetryPolicy.DEFAULT);
    assertThat(stateOf(d)).isEqualTo("closed");
    List<String> failing = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      failing.add(f.event("{\"i\":" + i + "}", d));
    }
    scheduler.runDueNow();

    CircuitState open = f.circuits.state(DeliveryFixture.SCOPE, d.id());
    assertThat(open.state()).isEqualTo("open");
    assertThat(open.failureCount()).isEqualTo(5);
    assertThat(open.openedAt()).isEqualTo(f.clock.now());
    assertThat(open.lastFailureAt()).isEqualTo(f.clock.now());
    assertThat(f.issues("open")).extracting(IssueRecord::errorType).containsExactly("circuit_open");

    // While open, new events queue and are not attempted, not even when due.
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(f.event("{\"q\":" + i + "}", d));
    }
    f.clock.advance(Duration.ofSeconds(59));
    assertThat(scheduler.runDueNow().claimed()).isZero();
    assertThat(f.provider.received(d.id())).hasSize(5);

    // After the 60 s cooldown one probe goes out; it fails, so the circuit opens again.
    f.clock.advance(Duration.ofSeconds(1));
    RunResult probe = scheduler.runDueNow();
    assertThat(probe.claimed()).isEqualTo(1);
    assertThat(f.provider.received(d.id())).hasSize(6);
    CircuitState reopened = f.circuits.state(DeliveryFixture.SCOPE, d.id());
    assertThat(reopened.state()).isEqualTo("open");
    assertThat(reopened.openedAt()).isEqualTo(f.clock.now());
    assertThat(f.issues("open"))
        .filteredOn(i -> i.errorType().equals("circuit_open"))
        .singleElement()
        .extracting(IssueRecord::occurrenceCount)
        .isEqualTo(1L);

    // The endpoint recovers: the next probe succeeds, the circuit closes, the queue flushes.
    healthy.set(true);
    f.clock.advance(Duration.ofSeconds(60));
    Instant flushAt = f.clock.now();
    scheduler.runDueNow();
    assertThat(stateOf(d)).isEqualTo("closed");
    assertThat(f.circuits.state(DeliveryFixture.SCOPE, d.id()).failureCount()).isZero();
    List<String> flushed =
        f.provider.received(d.id()).stream()
            .filter(r -> !r.at().isBefore(flushAt))
            .map(ScriptedProvider.Received::eventId)
            .toList();
    // The first probe was failing.get(0), which now waits for its own retry (+5 min); the
    // second probe was failing.get(1); the rest follow in sequence order, nothing dropped.
    List<String> expected = new ArrayList<>(failing.subList(1, failing.size()));
    expected.addAll(queued);
    assertThat(flushed).containsExactlyElementsOf(expected);
    assertThat(f.status(failing.get(0))).isEqualTo(EventStatus.PROCESSING);
    f.clock.set(f.tasksOf(failing.get(0)).get(0).nextAttemptAt());
    scheduler.runDueNow();
    expected.add(failing.get(0));
    expected.forEach(e -> assertThat(f.status(e)).isEqualTo(EventStatus.DELIVERED));
    assertThat(f.attempts(failing.get(0)))
        .extracting(AttemptRecord::attemptNumber)
        .containsExactly(1, 2, 3);
  }

  @Test
  void successResetsTheConsecutiveFailureCount() {
    DestinationRecord d = flaky(new RetryPolicy(0, "fixed", List.of(30)));
    for (int i = 0; i < 4; i++) {
      f.event("{}", d);
    }
    scheduler.runDueNow();
    assertThat(f.circuits.state(DeliveryFixture.SCOPE, d.id()).failureCount()).isEqualTo(4);
    healthy.set(true);
    f.event("{}", d);
    scheduler.runDueNow();
    healthy.set(false);
    for (int i = 0; i < 4; i++) {
      f.event("{}", d);
    }
    scheduler.runDueNow();
    assertThat(stateOf(d)).isEqualTo("closed");
    assertThat(f.circuits.state(DeliveryFixture.SCOPE, d.id()).failureCount()).isEqualTo(4);
  }

  @Test
  void taskQueuedPastItsRetryWindowGoesToTheDeadLetterQueue() {
    // Window: two fixed retries of 100 s = 200 s after the task's creation.
    DestinationRecord d = flaky(new RetryPolicy(2, "fixed", List.of(100)));
    openCircuit(d); // opens the circuit
    f.clock.advance(Duration.ofSeconds(10));
    String waiting = f.event("{\"late\":true}", d);
    Instant created = f.clock.now();
    // Keep the circuit open: each probe fails.
    for (int s = 0; s < 200; s += 50) {
      f.clock.advance(Duration.ofSeconds(50));
      scheduler.runDueNow();
    }
    f.clock.set(created.plusSeconds(200));
    scheduler.runDueNow();
    assertThat(stateOf(d)).isIn("open", "half_open");
    f.clock.advance(Duration.ofSeconds(1));
    scheduler.runDueNow();

    assertThat(f.tasksOf(waiting).get(0).status()).isEqualTo(TaskStatus.DEAD);
    List<AttemptRecord> attempts = f.attempts(waiting);
    AttemptRecord last = attempts.get(attempts.size() - 1);
    assertThat(last.dlq()).isTrue();
    assertThat(last.errorType()).isEqualTo("circuit_open");
    assertThat(last.statusCode()).isNull();
    assertThat(f.status(waiting)).isEqualTo(EventStatus.FAILED);
  }

  @Test
  void manualResetClosesTheCircuitAndDeliversTheQueue() {
    DestinationRecord d = flaky(RetryPolicy.DEFAULT);
    openCircuit(d);
    String queued = f.event("{\"queued\":true}", d);
    scheduler.runDueNow();
    assertThat(f.tasksOf(queued).get(0).attempts()).isZero();

    healthy.set(true);
    CircuitState reset = f.circuits.reset(DeliveryFixture.SCOPE, d.id());
    assertThat(reset.state()).isEqualTo("closed");
    assertThat(reset.failureCount()).isZero();
    scheduler.runDueNow();
    assertThat(f.status(queued)).isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void nodesSharingTheStoreShareTheCircuitAndOnlyOneProbes() {
    DestinationRecord d = flaky(RetryPolicy.DEFAULT);
    openCircuit(d); // node 1 opens the circuit
    DeliveryScheduler node2 = f.scheduler().owner("node-2").build();
    f.event("{}", d);
    assertThat(node2.runDueNow().claimed()).isZero();

    f.clock.advance(Duration.ofSeconds(60));
    healthy.set(true);
    int before = f.provider.received(d.id()).size();
    // Node 3 wins the probe; while it is half-open node 1 sends nothing.
    DeliveryScheduler probing = f.scheduler().owner("node-3").build();
    AtomicBoolean probed = new AtomicBoolean();
    f.provider.script(
        d.id(),
        r -> {
          if (probed.compareAndSet(false, true)) { // the probe itself
            assertThat(stateOf(d)).isEqualTo("half_open");
            assertThat(scheduler.runDueNow().claimed()).isZero();
          }
          return ok();
        });
    assertThat(probing.runDueNow().succeeded()).isGreaterThanOrEqualTo(1);
    assertThat(f.provider.received(d.id()).size() - before).isGreaterThanOrEqualTo(1);
    assertThat(stateOf(d)).isEqualTo("closed");
  }

  @Test
  void aProbeWhoseNodeDiedIsTakenOverAfterALease() {
    DestinationRecord d = flaky(RetryPolicy.DEFAULT);
    openCircuit(d);
    f.clock.advance(Duration.ofSeconds(60));
    // Node A wins the probe and dies in the middle of it.
    CrashableStore nodeA = new CrashableStore(f.store);
    DeliveryScheduler a =
        f.schedulerOn(
                nodeA,
                java.util.Map.of(
                    "test",
                    new ScriptedProvider(f.clock) {
                      @Override
                      public DeliveryResult deliver(DeliveryRequest request) {
                        nodeA.crash();
                        return ok();
                      }
                    }))
            .owner("node-a")
            .build();
    assertThatThrownBy(a::runDueNow)
        .isInstanceOf(HookstreamException.class)
        .hasMessageContaining("node crashed");
    assertThat(stateOf(d)).isEqualTo("half_open");
    assertThat(scheduler.runDueNow().claimed()).isZero(); // a probe is in flight

    healthy.set(true);
    f.clock.advance(DeliveryScheduler.DEFAULT_LEASE.plusSeconds(1));
    scheduler.runDueNow();
    assertThat(stateOf(d)).isEqualTo("closed");
    assertThat(f.provider.received(d.id())).hasSizeGreaterThanOrEqualTo(10); // 5 failed + 5 ok
  }

  @Test
  void unknownDestinationIsNotFound() {
    assertThatThrownBy(() -> f.circuits.state(DeliveryFixture.SCOPE, "dst_nope"))
        .isInstanceOf(HookstreamException.class)
        .hasMessageContaining("dst_nope");
  }

  @Test
  void oneDestinationsOpenCircuitDoesNotStopAnother() {
    DestinationRecord bad = flaky(RetryPolicy.DEFAULT);
    DestinationRecord good = f.destination("good");
    for (int i = 0; i < 5; i++) {
      f.event("{}", bad);
    }
    scheduler.runDueNow();
    String other = f.event("{}", good);
    scheduler.runDueNow();
    assertThat(stateOf(bad)).isEqualTo("open");
    assertThat(f.status(other)).isEqualTo(EventStatus.DELIVERED);
  }
}
