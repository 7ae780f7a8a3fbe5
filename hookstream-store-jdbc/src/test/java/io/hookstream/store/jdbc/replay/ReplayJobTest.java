package io.hookstream.store.jdbc.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.replay.BulkRetrySpec;
import io.hookstream.replay.ReplayJob;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.store.jdbc.replay.ReplayNode.Tenant;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replay and bulk retry on H2 through the real HTTP provider to loopback receivers, paced by the
 * manual clock: what a receiver gets, second by second, and what the job reports.
 */
class ReplayJobTest {

  private final ManualClock clock = new ManualClock();
  private final WebhookReceiver live = WebhookReceiver.start(clock);
  private final WebhookReceiver target = WebhookReceiver.start(clock);
  private final ReplayNode node = ReplayNode.on(TestDatabases.h2Memory(), clock, "node-1");
  private final Tenant tenant = Tenant.create(node.hs(), live, target);

  @AfterEach
  void close() {
    node.close();
    live.close();
    target.close();
  }

  @Test
  void aReplaySendsRateLimitEventsPerEngineSecondOldestFirstWithItsId() {
    Instant from = clock.now();
    List<String> events = tenant.ingest(node.hs(), 5);
    node.hs().runDueDeliveries();
    assertThat(live.requests()).hasSize(5);

    ReplayJob job = replay(from, 2);
    assertThat(job.id()).startsWith("rpl_");
    assertThat(job.status()).isEqualTo("running");
    assertThat(job.total()).isEqualTo(5);

    node.hs().runDueJobs(); // no engine second has passed: nothing is sent
    node.hs().runDueDeliveries();
    assertThat(target.requests()).isEmpty();
    node.tick(clock);
    assertThat(eventIds(target.requests()))
        .containsExactlyInAnyOrderElementsOf(events.subList(0, 2));
    node.hs().runDueJobs(); // the same second again sends no more
    node.hs().runDueDeliveries();
    assertThat(target.requests()).hasSize(2);
    node.tick(clock);
    assertThat(eventIds(target.requests()))
        .containsExactlyInAnyOrderElementsOf(events.subList(0, 4));
    node.tick(clock);
    assertThat(eventIds(target.requests())).containsExactlyInAnyOrderElementsOf(events);
    assertThat(target.requests())
        .allSatisfy(r -> assertThat(r.header(ReplayNode.REPLAY_HEADER)).isEqualTo(job.id()));
    assertThat(live.requests()).hasSize(5); // the replay went to its destination only

    node.tick(clock); // the step after the last delivery settled completes the job
    ReplayJob done = node.job(tenant.scope(), job.id());
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.processed()).isEqualTo(5);
    assertThat(done.succeeded()).isEqualTo(5);
    assertThat(done.failed()).isZero();
    assertThat(done.completedAt()).isEqualTo(clock.now());
    assertThat(node.hs().events().require(tenant.scope(), events.get(0)).status())
        .isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void aFailedReplayDeliveryIsOneAttemptAndNeverRetried() {
    Instant from = clock.now();
    List<String> events = tenant.ingest(node.hs(), 3);
    node.hs().runDueDeliveries();
    target.respondWith(ScriptedResponse.status(503));

    ReplayJob job = replay(from, 10);
    node.tick(clock);
    node.tick(clock);
    assertThat(target.requests()).hasSize(3);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofHours(1));
      node.hs().runDueJobs();
      node.hs().runDueDeliveries();
    }

    assertThat(target.requests()).hasSize(3);
    ReplayJob done = node.job(tenant.scope(), job.id());
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.failed()).isEqualTo(3);
    assertThat(done.succeeded()).isZero();
    // A failed replay does not rewrite what happened to the event.
    assertThat(node.hs().events().require(tenant.scope(), events.get(0)).status())
        .isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void cancellingStopsTheJobBeforeItsNextStep() {
    Instant from = clock.now();
    tenant.ingest(node.hs(), 6);
    node.hs().runDueDeliveries();
    ReplayJob job = replay(from, 2);
    node.tick(clock);

    ReplayJob cancelled = node.hs().replays().cancel(tenant.scope(), job.id());
    node.tick(clock);
    node.tick(clock);

    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(target.requests()).hasSize(2);
    assertThat(node.job(tenant.scope(), job.id()).processed()).isEqualTo(2);
  }

  @Test
  void aBulkRetryResendsWhatFailedWhileTheEndpointWasDownAndSkipsWhatSucceededMeanwhile() {
    Instant from = clock.now();
    live.respondWith(ScriptedResponse.status(503));
    List<String> events = tenant.ingest(node.hs(), 4);
    for (int i = 0; i < 6; i++) { // the retry schedule runs out: all dead-lettered
      node.hs().runDueDeliveries();
      clock.advance(Duration.ofHours(1));
    }
    Map<String, Integer> whileDown = ReplayNode.perEvent(live);
    assertThat(whileDown).containsOnlyKeys(events);
    assertThat(node.hs().events().require(tenant.scope(), events.get(1)).status())
        .isEqualTo(EventStatus.FAILED);
    live.respondWith(ScriptedResponse.ok()); // the endpoint is back

    ReplayJob job =
        node.hs()
            .replays()
            .retry(
                tenant.scope(),
                BulkRetrySpec.builder()
                    .status("failed")
                    .destinationId(tenant.liveId())
                    .from(from)
                    .to(clock.now())
                    .rateLimit(2)
                    .build());
    assertThat(job.kind()).isEqualTo("retry");
    assertThat(job.total()).isEqualTo(4);
    // Meanwhile someone retries the first event by hand, and it is delivered.
    node.hs().deliveries().retryEvent(tenant.scope(), events.get(0));
    node.hs().runDueDeliveries();

    for (int i = 0; i < 4; i++) {
      node.tick(clock);
    }

    // One more request per event: the manual retry for the first, the bulk retry for the rest.
    Map<String, Integer> perEvent = ReplayNode.perEvent(live);
    events.forEach(id -> assertThat(perEvent.get(id)).isEqualTo(whileDown.get(id) + 1));
    assertThat(events)
        .allSatisfy(
            id ->
                assertThat(node.hs().events().require(tenant.scope(), id).status())
                    .isEqualTo(EventStatus.DELIVERED));
    ReplayJob done = node.job(tenant.scope(), job.id());
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.processed()).isEqualTo(4);
    assertThat(done.skipped()).isEqualTo(1);
    assertThat(done.succeeded()).isEqualTo(3);
    assertThat(done.failed()).isZero();
  }

  private ReplayJob replay(Instant from, int rateLimit) {
    return node.replay(tenant, from, clock, rateLimit);
  }

  private static List<String> eventIds(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.header(ReplayNode.EVENT_HEADER)).toList();
  }
}
