package io.hookstream.store.jdbc.cluster;

import static io.hookstream.store.jdbc.cluster.ClusterFixture.await;
import static io.hookstream.store.jdbc.cluster.ClusterFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.RestartablePostgres;
import io.hookstream.tck.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stops and starts again (same data directory and port) while events are ingested and
 * delivered. Ingests during the outage fail with UNAVAILABLE; every ingest that succeeded is stored
 * and delivered; the engine, not restarted, resumes on its own: its scheduler and recovery sweep
 * survive the outage, and the pool (HikariCP here) replaces dead connections.
 */
class PostgresRestartTest {

  private static final Logger log = LoggerFactory.getLogger(PostgresRestartTest.class);

  @TempDir Path dataDirectory;

  @Test
  void ingestAndDeliveryResumeAfterTheDatabaseRestarts() throws Exception {
    RestartablePostgres pg = new RestartablePostgres(dataDirectory);
    ManualClock clock = new ManualClock();
    HikariDataSource pool = pg.pool(12);
    Hookstream engine = null;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    AtomicBoolean sending = new AtomicBoolean(true);
    Queue<String> accepted = new ConcurrentLinkedQueue<>();
    Queue<HookstreamException> refused = new ConcurrentLinkedQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      engine = ClusterFixture.node(pool, clock, "node-1", 4);
      String source = ClusterFixture.sourceToReceiver(engine, receiver, 10);
      Hookstream node = engine;
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        running.add(
            senders.submit(
                () -> {
                  for (int i = 0; sending.get(); i++) {
                    try {
                      accepted.add(
                          node.ingest(source, IngestRequest.json("{\"i\":" + i + "}")).eventId());
                    } catch (HookstreamException e) {
                      refused.add(e);
                    }
                  }
                  return null;
                }));
      }
      await("ingest under way", Duration.ofSeconds(60), () -> accepted.size() >= 200);

      pg.stop();
      int acceptedBeforeOutage = accepted.size();
      await(
          "refusals while the database is down",
          Duration.ofSeconds(60),
          () -> refused.size() >= 20);

      pg.start();
      int acceptedBeforeRestart = accepted.size();
      await(
          "ingest resumed",
          Duration.ofSeconds(60),
          () -> accepted.size() >= acceptedBeforeRestart + 200);
      sending.set(false);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      log.info(
          "restart: {} accepted before the outage, {} in all; {} refused",
          acceptedBeforeOutage,
          accepted.size(),
          refused.size());
      assertThat(refused).allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

      // Leases of deliveries whose settle failed, and events whose routing failed, are taken up
      // again once their lease and the recovery grace have passed.
      clock.advance(Duration.ofMinutes(2));
      engine.runDueJobs(); // the recovery sweep, on the manual clock: when asked
      try {
        await(
            "every accepted event delivered",
            Duration.ofSeconds(120),
            () -> ClusterFixture.deliveriesPerEvent(receiver).keySet().containsAll(accepted));
      } catch (AssertionError e) {
        List<String> missing = new ArrayList<>(accepted);
        missing.removeAll(ClusterFixture.deliveriesPerEvent(receiver).keySet());
        throw new AssertionError(
            e.getMessage()
                + "; undelivered: "
                + ClusterFixture.describe(pool, missing.subList(0, Math.min(5, missing.size()))),
            e);
      }
      Map<String, Integer> perEvent = ClusterFixture.deliveriesPerEvent(receiver);
      log.info(
          "restart: {} events delivered, {} duplicate deliveries",
          perEvent.size(),
          ClusterFixture.duplicates(perEvent));
      await(
          "no task left",
          Duration.ofSeconds(60),
          () ->
              ClusterFixture.countUnchecked(
                      pool,
                      "SELECT COUNT(*) FROM hs_delivery_tasks WHERE status <> 'succeeded'"
                          + " OR lease_owner IS NOT NULL")
                  == 0);
      assertThat(
              count(
                  pool,
                  "SELECT COUNT(*) FROM hs_events WHERE id IN ('"
                      + String.join("','", accepted)
                      + "')"))
          .isEqualTo(accepted.size());
    } finally {
      sending.set(false);
      senders.shutdownNow();
      if (engine != null) {
        engine.close();
      }
      pool.close();
      pg.close();
    }
  }
}
