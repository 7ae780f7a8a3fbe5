package io.hookstream.store.jdbc.cluster;

import static io.hookstream.store.jdbc.cluster.ClusterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.KillableDataSource;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.store.jdbc.cluster.ClusterFixture.Ingested;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single node dies while its deliveries fill the destination's max in flight, and starts again
 * under the same node id: it takes its leases back at once and resumes delivery within 2 s
 * (everything is delivered within 10 s) while the clock stands still, so its 60 s leases never
 * expire. Without the take-back nothing could be delivered until they did.
 */
class NodeRestartTest {

  private static final Logger log = LoggerFactory.getLogger(NodeRestartTest.class);
  private static final int EVENTS = 20;
  private static final int MAX_IN_FLIGHT = 4;
  private static final Duration RESUME_WITHIN = Duration.ofSeconds(2);
  private static final Duration DELIVER_ALL_WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void aRestartedNodeResumesAtOnceOnAnH2File() throws Exception {
    restartResumesWithinTwoSeconds("H2 file", () -> TestDatabases.h2File(dir));
  }

  @Test
  void aRestartedNodeResumesAtOnceOnPostgres() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    restartResumesWithinTwoSeconds("PostgreSQL", () -> TestDatabases.postgres(database, "restart"));
  }

  /** {@code database} opens a new pool on the same database, as a new process would. */
  private void restartResumesWithinTwoSeconds(String name, Supplier<DataSource> database)
      throws Exception {
    ManualClock clock = new ManualClock();
    Instant start = clock.now();
    KillableDataSource doomed = new KillableDataSource(database.get());
    Hookstream first = null;
    Hookstream restarted = null;
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      // The first run's deliveries hang until it dies; the restarted run's are answered at once.
      for (int i = 0; i < MAX_IN_FLIGHT; i++) {
        receiver.enqueue(ScriptedResponse.ok().withDelay(Duration.ofMinutes(5)));
      }
      first = ClusterFixture.node(doomed, clock, "node-1", 8);
      String source = ClusterFixture.sourceToReceiver(first, receiver, MAX_IN_FLIGHT);
      Ingested ingested =
          ClusterFixture.ingest(List.of(first), source, EVENTS, 2, Duration.ofSeconds(60));
      assertThat(ingested.refused()).isEmpty();
      receiver.awaitRequests(MAX_IN_FLIGHT, Duration.ofSeconds(30));
      doomed.kill(); // the process is gone: it settles nothing and gives nothing back

      long restartedAt = System.nanoTime();
      restarted = ClusterFixture.node(database.get(), clock, "node-1", 8);
      await(
          "a delivery after the restart",
          RESUME_WITHIN,
          () -> receiver.requests().size() > MAX_IN_FLIGHT);
      long resumedAt = System.nanoTime();
      await(
          "every event delivered after the restart",
          DELIVER_ALL_WITHIN,
          () -> ClusterFixture.deliveriesPerEvent(receiver).size() == EVENTS);

      Map<String, Integer> perEvent = ClusterFixture.deliveriesPerEvent(receiver);
      log.info(
          "restart on {}: delivery resumed {} ms and every event was delivered {} ms after"
              + " the engine was built again",
          name,
          (resumedAt - restartedAt) / 1_000_000,
          (System.nanoTime() - restartedAt) / 1_000_000);
      assertThat(perEvent.keySet()).isEqualTo(new HashSet<>(ingested.accepted()));
      assertThat(ClusterFixture.duplicates(perEvent)).isEqualTo(MAX_IN_FLIGHT);
      assertThat(clock.now()).as("no lease expired").isEqualTo(start);
    } finally {
      if (restarted != null) {
        restarted.close();
      }
      if (first != null) {
        first.close();
      }
    }
  }
}
