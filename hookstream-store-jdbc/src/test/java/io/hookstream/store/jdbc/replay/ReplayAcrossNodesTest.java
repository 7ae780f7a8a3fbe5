package io.hookstream.store.jdbc.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.replay.ReplayJob;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.store.jdbc.replay.ReplayNode.Tenant;
import io.hookstream.tck.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay job outlives its engine: closed mid-job and rebuilt on the same H2 files, the job goes
 * on where it stopped; two engines stepping one job on one PostgreSQL database at the same moments
 * send every event once. Receipts are counted at a real HTTP receiver.
 */
class ReplayAcrossNodesTest {

  /** Longer than a job's lease (30 s): a job silent this long is taken over. */
  private static final Duration LEASE_EXPIRES = Duration.ofSeconds(31);

  private final ManualClock clock = new ManualClock();

  @Test
  void aReplayResumesAfterARestartWithoutSendingAnEventTwice(@TempDir Path dir) throws Exception {
    DataSource files = TestDatabases.h2File(dir);
    try (WebhookReceiver live = WebhookReceiver.start(clock);
        WebhookReceiver target = WebhookReceiver.start(clock)) {
      Tenant tenant;
      List<String> events;
      String jobId;
      try (ReplayNode first = ReplayNode.on(files, clock, "node-1")) {
        tenant = Tenant.create(first.hs(), live, target);
        Instant from = clock.now();
        events = tenant.ingest(first.hs(), 7);
        first.hs().runDueDeliveries();
        jobId = first.replay(tenant, from, clock, 3).id();
        first.tick(clock);
        assertThat(target.requests()).hasSize(3);
        // The next step hands three more events to delivery; the engine stops before they go.
        clock.advance(Duration.ofSeconds(1));
        first.hs().runDueJobs();
      }
      assertThat(target.requests()).hasSize(3);

      try (ReplayNode second = ReplayNode.on(files, clock, "node-2")) {
        second.tick(clock); // node-1's lease still holds the job: its queued events go out
        assertThat(target.requests()).hasSize(6);
        clock.advance(LEASE_EXPIRES);
        for (int i = 0; i < 3; i++) {
          second.tick(clock);
        }
        assertThat(ReplayNode.perEvent(target)).containsOnlyKeys(events).containsValues(1);
        assertThat(target.requests()).hasSize(7);
        ReplayJob done = second.job(tenant.scope(), jobId);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.succeeded()).isEqualTo(7);
        assertThat(done.processed()).isEqualTo(7);
      }
    }
  }

  @Test
  void twoNodesSteppingOneJobTogetherSendEveryEventOnce() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (WebhookReceiver live = WebhookReceiver.start(clock);
        WebhookReceiver target = WebhookReceiver.start(clock);
        ReplayNode a = ReplayNode.on(TestDatabases.postgres(database, "replay-a"), clock, "a");
        ReplayNode b = ReplayNode.on(TestDatabases.postgres(database, "replay-b"), clock, "b")) {
      Tenant tenant = Tenant.create(a.hs(), live, target);
      Instant from = clock.now();
      List<String> events = tenant.ingest(a.hs(), 40);
      a.hs().runDueDeliveries();
      String jobId = a.replay(tenant, from, clock, 5).id();

      CyclicBarrier together = new CyclicBarrier(2);
      for (int second = 0; second < 40; second++) {
        clock.advance(Duration.ofSeconds(1));
        if (second % 7 == 6) {
          clock.advance(LEASE_EXPIRES); // now and then the job changes hands
        }
        List<Future<?>> both =
            List.of(
                threads.submit(() -> step(a, together)), threads.submit(() -> step(b, together)));
        for (Future<?> f : both) {
          f.get(60, TimeUnit.SECONDS);
        }
        if (a.job(tenant.scope(), jobId).status().equals("completed")) {
          break;
        }
      }

      Map<String, Integer> perEvent = ReplayNode.perEvent(target);
      assertThat(perEvent).containsOnlyKeys(events);
      assertThat(perEvent.values()).containsOnly(1);
      ReplayJob done = a.job(tenant.scope(), jobId);
      assertThat(done.status()).isEqualTo("completed");
      assertThat(done.succeeded()).isEqualTo(40);
    } finally {
      threads.shutdownNow();
    }
  }

  /** One engine second on one node, its jobs started at the same instant as the other node's. */
  private static Void step(ReplayNode node, CyclicBarrier together) throws Exception {
    together.await(30, TimeUnit.SECONDS);
    node.hs().runDueJobs();
    together.await(30, TimeUnit.SECONDS);
    node.hs().runDueDeliveries();
    return null;
  }
}
