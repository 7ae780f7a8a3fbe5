package io.hookstream.store.jdbc.cluster;

import static io.hookstream.store.jdbc.cluster.ClusterFixture.await;
import static io.hookstream.store.jdbc.cluster.ClusterFixture.count;
import static io.hookstream.store.jdbc.cluster.ClusterFixture.countUnchecked;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.KillableDataSource;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.store.jdbc.cluster.ClusterFixture.Ingested;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of three nodes dies with deliveries in flight: its database sessions are terminated and it
 * can open no new ones, so it can neither settle nor give back what it holds, nor beat. The shared
 * manual clock moves on in heartbeat steps; once the dead node has been silent for more than four
 * beats (20 s) the survivors release its leases, long before they expire (60 s), and deliver its
 * work: within 30 s of clock time. The only duplicates are the deliveries it had started, at most
 * the number of tasks it held.
 */
class PostgresCrashTest {

  private static final Logger log = LoggerFactory.getLogger(PostgresCrashTest.class);
  private static final int EVENTS = 600;
  private static final Duration HEARTBEAT = Hookstream.Builder.DEFAULT_HEARTBEAT_INTERVAL;
  private static final Duration TAKEOVER_WITHIN = Duration.ofSeconds(30);

  @Test
  void survivorsTakeOverACrashedNodesWorkWithin30SecondsByItsMissedHeartbeats() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    DataSource check = TestDatabases.postgres(database, "crash-check");
    ManualClock clock = new ManualClock();
    KillableDataSource doomed = new KillableDataSource(TestDatabases.postgres(database, "node-1"));
    List<Hookstream> nodes = new ArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      // Slow answers keep deliveries in flight on every node.
      receiver.respondWith(ScriptedResponse.ok().withDelay(Duration.ofMillis(40)));
      nodes.add(ClusterFixture.node(doomed, clock, "node-1", 8));
      nodes.add(
          ClusterFixture.node(TestDatabases.postgres(database, "node-2"), clock, "node-2", 8));
      nodes.add(
          ClusterFixture.node(TestDatabases.postgres(database, "node-3"), clock, "node-3", 8));
      String source = ClusterFixture.sourceToReceiver(nodes.get(1), receiver, 30);
      Ingested ingested = ClusterFixture.ingest(nodes, source, EVENTS, 4, Duration.ofSeconds(120));
      assertThat(ingested.refused()).isEmpty();
      await(
          "every event routed",
          Duration.ofSeconds(120),
          () ->
              countUnchecked(check, "SELECT COUNT(*) FROM hs_events WHERE routed_at IS NULL") == 0);
      await(
          "node-1 delivering",
          Duration.ofSeconds(120),
          () ->
              countUnchecked(
                      check,
                      "SELECT COUNT(*) FROM hs_delivery_tasks WHERE lease_owner = 'node-1'"
                          + " AND status = 'pending'")
                  > 0);

      doomed.kill();
      // Terminated again while any is left: a thread that got past the kill a moment before
      // may still open one more session.
      await(
          "node-1's sessions gone",
          Duration.ofSeconds(10),
          () ->
              countUnchecked(
                      check,
                      "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          + " WHERE application_name = 'node-1') AS terminated")
                  == 0);
      long held =
          count(
              check,
              "SELECT COUNT(*) FROM hs_delivery_tasks"
                  + " WHERE lease_owner = 'node-1' AND status = 'pending'");
      assertThat(held).isPositive();

      // The survivors deliver everything else; node-1's tasks stay leased meanwhile.
      await(
          "the survivors idle",
          Duration.ofSeconds(120),
          () ->
              countUnchecked(
                      check,
                      "SELECT COUNT(*) FROM hs_delivery_tasks WHERE status = 'pending'"
                          + " AND (lease_owner IS NULL OR lease_owner <> 'node-1')")
                  == 0);
      assertThat(
              count(
                  check,
                  "SELECT COUNT(*) FROM hs_delivery_tasks"
                      + " WHERE lease_owner = 'node-1' AND status = 'pending'"))
          .isEqualTo(held);

      Duration silent = Duration.ZERO;
      while (count(
              check,
              "SELECT COUNT(*) FROM hs_delivery_tasks WHERE lease_owner = 'node-1'"
                  + " AND status = 'pending'")
          > 0) {
        assertThat(silent).as("node-1 still holds its leases").isLessThan(TAKEOVER_WITHIN);
        clock.advance(HEARTBEAT);
        // On a manual clock the engines' jobs run when asked: the survivors beat, and judge.
        nodes.subList(1, 3).forEach(Hookstream::runDueJobs);
        silent = silent.plus(HEARTBEAT);
        String beat = clock.now().toString();
        await(
            "the survivors beat",
            Duration.ofSeconds(30),
            () ->
                countUnchecked(
                        check,
                        "SELECT COUNT(*) FROM hs_nodes WHERE id IN ('node-2', 'node-3')"
                            + " AND last_heartbeat_at >= TIMESTAMPTZ '"
                            + beat
                            + "'")
                    == 2);
      }
      log.info("crash: node-1's leases released after {} s of silence", silent.toSeconds());
      assertThat(silent)
          .isGreaterThan(HEARTBEAT.multipliedBy(Hookstream.Builder.DEFAULT_MISSED_HEARTBEATS - 1));
      // Tasks, not event statuses: a node that dies between settling a task and updating its
      // event's status leaves that event "processing" (the engine does not repair it later).
      try {
        await(
            "every task succeeded",
            Duration.ofSeconds(120),
            () ->
                countUnchecked(
                        check,
                        "SELECT COUNT(*) FROM hs_delivery_tasks WHERE status <> 'succeeded'"
                            + " OR lease_owner IS NOT NULL")
                    == 0);
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "; not delivered: "
                + ClusterFixture.describe(check, ClusterFixture.undelivered(check, 5)),
            e);
      }
      assertThat(count(check, "SELECT COUNT(*) FROM hs_delivery_tasks")).isEqualTo(EVENTS);
      long stale = count(check, "SELECT COUNT(*) FROM hs_events WHERE status <> 'delivered'");
      Map<String, Integer> perEvent = ClusterFixture.deliveriesPerEvent(receiver);
      int duplicates = ClusterFixture.duplicates(perEvent);
      log.info(
          "crash: node-1 held {} tasks when it died; {} duplicate deliveries; {} events"
              + " left with a stale status",
          held,
          duplicates,
          stale);
      assertThat(perEvent.keySet()).isEqualTo(new HashSet<>(ingested.accepted()));
      assertThat((long) duplicates).isLessThanOrEqualTo(held);
    } finally {
      nodes.forEach(Hookstream::close);
    }
  }
}
