package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.NodeRecord;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The engine's background jobs run on its clock: on a manual clock, the heartbeat at start, then
 * each job when a test asks and its interval has passed, in one fixed order.
 */
class BackgroundJobsTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();

  @Test
  void startBeatsOnceThenEachJobRunsWhenAskedOnceItsClockIntervalHasPassed() {
    Instant start = clock.now();
    try (Hookstream hs = TestEngine.builder(store, clock).nodeId("node-a").build().start()) {
      assertThat(heartbeatOf("node-a")).as("written by start()").isEqualTo(start);
      assertThat(hs.runDueJobs()).as("nothing due yet").isEmpty();

      clock.advance(Duration.ofSeconds(10));
      assertThat(heartbeatOf("node-a")).as("a moved clock runs nothing by itself").isEqualTo(start);
      assertThat(hs.runDueJobs())
          .containsExactly(
              "node-heartbeat",
              "recovery-sweep",
              "replay-steps",
              "scheduled-sends",
              "collection-sync",
              "collection-backfill");
      assertThat(heartbeatOf("node-a")).isEqualTo(clock.now());

      clock.advance(Duration.ofHours(1));
      assertThat(hs.runDueJobs())
          .containsExactly(
              "node-heartbeat",
              "recovery-sweep",
              "issue-auto-resolve",
              "metrics-rollups",
              "failure-rate-issues",
              "alert-evaluation",
              "retention-purge",
              "replay-steps",
              "test-session-purge",
              "scheduled-sends",
              "scheduled-send-purge",
              "collection-sync",
              "collection-backfill");
      assertThat(hs.runDueJobs()).isEmpty();
    }
  }

  private Instant heartbeatOf(String nodeId) {
    return store.nodes().list().stream()
        .filter(n -> n.id().equals(nodeId))
        .findFirst()
        .map(NodeRecord::lastHeartbeatAt)
        .orElse(null);
  }
}
