package io.hookstream.store.jdbc.cluster;

import static io.hookstream.store.jdbc.cluster.ClusterFixture.await;
import static io.hookstream.store.jdbc.cluster.ClusterFixture.count;
import static io.hookstream.store.jdbc.cluster.ClusterFixture.countUnchecked;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
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
 * Three engine instances share one PostgreSQL database and one queue (after db-scheduler's
 * ClusterTests): 10,000 events ingested through all of them are each delivered exactly once, with
 * no task left leased. Time stands still (a shared manual clock), so no lease can expire and any
 * duplicate would be a double claim.
 */
class PostgresClusterTest {

  private static final Logger log = LoggerFactory.getLogger(PostgresClusterTest.class);
  private static final int EVENTS = 10_000;

  @Test
  void threeNodesDeliverTenThousandEventsOnceEach() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    DataSource check = TestDatabases.postgres(database, "cluster-check");
    ManualClock clock = new ManualClock();
    List<Hookstream> nodes = new ArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      for (int i = 1; i <= 3; i++) {
        nodes.add(
            ClusterFixture.node(
                TestDatabases.postgres(database, "node-" + i), clock, "node-" + i, 8));
      }
      String source = ClusterFixture.sourceToReceiver(nodes.get(0), receiver, 30);

      long start = System.nanoTime();
      Ingested ingested = ClusterFixture.ingest(nodes, source, EVENTS, 6, Duration.ofSeconds(180));
      long ingestedAt = System.nanoTime();
      assertThat(ingested.refused()).isEmpty();
      assertThat(new HashSet<>(ingested.accepted())).hasSize(EVENTS);

      await(
          "every event delivered",
          Duration.ofSeconds(180),
          () ->
              countUnchecked(check, "SELECT COUNT(*) FROM hs_events WHERE status = 'delivered'")
                  == EVENTS);

      Map<String, Integer> perEvent = ClusterFixture.deliveriesPerEvent(receiver);
      int duplicates = ClusterFixture.duplicates(perEvent);
      log.info(
          "cluster: {} events ingested in {} ms, all delivered after {} ms; {} requests,"
              + " {} duplicates",
          EVENTS,
          (ingestedAt - start) / 1_000_000,
          (System.nanoTime() - start) / 1_000_000,
          receiver.requests().size(),
          duplicates);
      assertThat(perEvent.keySet()).isEqualTo(new HashSet<>(ingested.accepted()));
      assertThat(duplicates).isZero();
      assertThat(
              count(
                  check,
                  "SELECT COUNT(*) FROM hs_delivery_tasks"
                      + " WHERE lease_owner IS NOT NULL OR status <> 'succeeded'"))
          .isZero();
      assertThat(count(check, "SELECT COUNT(*) FROM hs_delivery_tasks")).isEqualTo(EVENTS);
      assertThat(count(check, "SELECT COUNT(*) FROM hs_attempts WHERE status = 'success'"))
          .isEqualTo(EVENTS);
    } finally {
      nodes.forEach(Hookstream::close);
    }
  }

  /**
   * A destination's max in flight holds across nodes although each node takes the next task as soon
   * as an answer arrives, before that delivery's settle commits.
   */
  @Test
  void maxInFlightHoldsAcrossThreeNodes() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    ManualClock clock = new ManualClock();
    List<Hookstream> nodes = new ArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      receiver.respondWith(ScriptedResponse.ok().withDelay(Duration.ofMillis(5)));
      for (int i = 1; i <= 3; i++) {
        nodes.add(
            ClusterFixture.node(
                TestDatabases.postgres(database, "cap-" + i), clock, "cap-" + i, 8));
      }
      String source = ClusterFixture.sourceToReceiver(nodes.get(0), receiver, 3);
      Ingested ingested = ClusterFixture.ingest(nodes, source, 300, 3, Duration.ofSeconds(60));
      assertThat(ingested.refused()).isEmpty();

      receiver.awaitRequests(300, Duration.ofSeconds(60));
      assertThat(receiver.peakConcurrency()).isBetween(2, 3);
      assertThat(ClusterFixture.duplicates(ClusterFixture.deliveriesPerEvent(receiver))).isZero();
    } finally {
      nodes.forEach(Hookstream::close);
    }
  }
}
