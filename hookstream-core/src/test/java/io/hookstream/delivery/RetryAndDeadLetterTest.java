package io.hookstream.delivery;

import static io.hookstream.delivery.ScriptedProvider.ok;
import static io.hookstream.delivery.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAndDeadLetterTest {

  private final DeliveryFixture f = new DeliveryFixture();
  private final DeliveryFixture.Node node = f.node("node-1");
  private final DeliveryScheduler scheduler = node.scheduler();

  /**
   * Runs everything due (jobs, then deliveries), advancing the clock to each next retry; returns
   * attempt times.
   */
  private List<Instant> attemptTimesUntilSettled(String eventId) {
    for (int i = 0; i < 50; i++) {
      node.runDue();
      DeliveryTask task = f.tasksOf(eventId).get(0);
      if (task.status() != TaskStatus.PENDING) {
        break;
      }
      f.clock.set(task.nextAttemptAt());
    }
    return f.attempts(eventId).stream().map(AttemptRecord::attemptedAt).toList();
  }

  private List<Long> offsets(Instant start, List<Instant> times) {
    return times.stream().map(t -> Duration.between(start, t).toSeconds()).toList();
  }

  @Test
  void exponentialBackoffUsesEachIntervalThenDeadLetters() {
    DestinationRecord d = f.destination("exp");
    f.provider.script(d.id(), r -> status(503));
    Instant start = f.clock.now();
    String evt = f.event("{\"n\":1}", d);

    List<Instant> times = attemptTimesUntilSettled(evt);

    // 1 + retry_max_attempts(5) attempts: immediately, +30s, +5m, +30m, +2h, +24h after each.
    assertThat(offsets(start, times)).containsExactly(0L, 30L, 330L, 2130L, 9330L, 95730L);
    List<AttemptRecord> attempts = f.attempts(evt);
    assertThat(attempts).extracting(AttemptRecord::attemptNumber).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(attempts.subList(0, 5))
        .allSatisfy(
            a -> {
              assertThat(a.dlq()).isFalse();
              assertThat(a.nextRetryAt()).isNotNull();
            });
    AttemptRecord last = attempts.get(5);
    assertThat(last.dlq()).isTrue();
    assertThat(last.dlqAt()).isEqualTo(f.clock.now());
    assertThat(last.nextRetryAt()).isNull();
    assertThat(last.errorType()).isEqualTo("http_5xx");
    assertThat(last.statusCode()).isEqualTo(503);
    assertThat(last.responseBody()).isEqualTo("status 503");
    assertThat(f.tasksOf(evt).get(0).status()).isEqualTo(TaskStatus.DEAD);
    assertThat(f.status(evt)).isEqualTo(EventStatus.FAILED);
    // Five consecutive failures also opened the circuit (the sixth attempt was its probe); that
    // issue saw nothing new for 24 h and was auto-resolved.
    assertThat(f.issues(null))
        .extracting(IssueRecord::errorType, IssueRecord::status)
        .containsExactlyInAnyOrder(tuple("http_5xx", "open"), tuple("circuit_open", "resolved"));
    IssueRecord issue =
        f.issues("open").stream()
            .filter(i -> i.errorType().equals("http_5xx"))
            .findFirst()
            .orElseThrow();
    assertThat(issue.destinationId()).isEqualTo(d.id());
    assertThat(issue.recentAttemptIds()).containsExactly(last.id());
  }

  @Test
  void exponentialRepeatsTheLastIntervalWhenRetriesOutnumberIntervals() {
    DestinationRecord d =
        f.destination("exp2", new RetryPolicy(4, "exponential", List.of(10, 20)), Delivery.DEFAULT);
    f.provider.script(d.id(), r -> status(500));
    Instant start = f.clock.now();
    String evt = f.event("{}", d);

    assertThat(offsets(start, attemptTimesUntilSettled(evt)))
        .containsExactly(0L, 10L, 30L, 50L, 70L);
  }

  @Test
  void linearBackoffMultipliesTheFirstIntervalByTheRetryNumber() {
    DestinationRecord d =
        f.destination("lin", new RetryPolicy(3, "linear", List.of(60, 999)), Delivery.DEFAULT);
    f.provider.script(d.id(), r -> ScriptedProvider.timeout());
    Instant start = f.clock.now();
    String evt = f.event("{}", d);

    // waits 60, 120, 180
    assertThat(offsets(start, attemptTimesUntilSettled(evt))).containsExactly(0L, 60L, 180L, 360L);
    assertThat(f.attempts(evt).get(3).errorType()).isEqualTo("timeout");
  }

  @Test
  void fixedBackoffWaitsTheFirstIntervalEveryTime() {
    DestinationRecord d =
        f.destination("fix", new RetryPolicy(3, "fixed", List.of(45, 999)), Delivery.DEFAULT);
    f.provider.script(d.id(), r -> status(502));
    Instant start = f.clock.now();
    String evt = f.event("{}", d);

    assertThat(offsets(start, attemptTimesUntilSettled(evt))).containsExactly(0L, 45L, 90L, 135L);
  }

  @Test
  void retryNotDueIsNotAttemptedBeforeItsTime() {
    DestinationRecord d = f.destination("early");
    f.provider.script(d.id(), r -> status(503));
    f.event("{}", d);
    scheduler.runDueNow();
    f.clock.advance(Duration.ofSeconds(29));
    assertThat(scheduler.runDueNow().claimed()).isZero();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(scheduler.runDueNow().claimed()).isEqualTo(1);
    assertThat(f.provider.received(d.id())).hasSize(2);
  }

  @Test
  void successAfterRetriesDeliversTheEvent() {
    DestinationRecord d = f.destination("flaky");
    int[] calls = {0};
    f.provider.script(d.id(), r -> ++calls[0] < 3 ? status(500) : ok());
    String evt = f.event("{\"a\":1}", d);

    attemptTimesUntilSettled(evt);

    assertThat(f.attempts(evt))
        .extracting(AttemptRecord::status)
        .containsExactly("failed", "failed", "success");
    AttemptRecord success = f.attempts(evt).get(2);
    assertThat(success.statusCode()).isEqualTo(200);
    assertThat(success.latencyMs()).isEqualTo(5L);
    assertThat(success.requestHeaders()).containsKey("content-type");
    assertThat(success.responseHeaders()).containsKey("content-type");
    assertThat(success.connectionId()).isEqualTo("conn_flaky");
    assertThat(f.status(evt)).isEqualTo(EventStatus.DELIVERED);
    assertThat(f.issues(null)).isEmpty();
    assertThat(f.provider.received(d.id()))
        .extracting(ScriptedProvider.Received::body)
        .containsOnly("{\"a\":1}");
  }

  @Test
  void retryAfterOn429IsHonouredWhenLongerThanTheBackoff() {
    DestinationRecord d = f.destination("slow-down");
    f.provider.script(d.id(), r -> status(429, Duration.ofMinutes(10)));
    f.event("{}", d);
    Instant start = f.clock.now();

    scheduler.runDueNow();

    DeliveryTask task =
        f.store
            .deliveries()
            .tasksForEvent(DeliveryFixture.SCOPE, f.provider.received().get(0).eventId())
            .get(0);
    assertThat(task.nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void retryAfterIsCappedAt24HoursAndIgnoredOutside429And503() {
    DestinationRecord capped = f.destination("capped");
    f.provider.script(capped.id(), r -> status(503, Duration.ofDays(9)));
    DestinationRecord ignored = f.destination("ignored");
    f.provider.script(ignored.id(), r -> status(500, Duration.ofHours(3)));
    String a = f.event("{}", capped);
    String b = f.event("{}", ignored);
    Instant start = f.clock.now();

    scheduler.runDueNow();

    assertThat(f.tasksOf(a).get(0).nextAttemptAt()).isEqualTo(start.plus(Duration.ofHours(24)));
    assertThat(f.tasksOf(b).get(0).nextAttemptAt()).isEqualTo(start.plusSeconds(30));
  }

  @Test
  void shorterRetryAfterKeepsTheBackoff() {
    DestinationRecord d = f.destination("short");
    f.provider.script(d.id(), r -> status(503, Duration.ofSeconds(2)));
    String evt = f.event("{}", d);
    Instant start = f.clock.now();
    scheduler.runDueNow();
    assertThat(f.tasksOf(evt).get(0).nextAttemptAt()).isEqualTo(start.plusSeconds(30));
  }

  @Test
  void goneDisablesTheDestinationAndKeepsLaterTasksQueued() {
    DestinationRecord d = f.destination("gone");
    f.provider.script(d.id(), r -> status(410));
    String first = f.event("{}", d);
    scheduler.runDueNow();

    assertThat(f.tasksOf(first).get(0).status()).isEqualTo(TaskStatus.DEAD);
    AttemptRecord attempt = f.attempts(first).get(0);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.errorType()).isEqualTo("endpoint_gone");
    assertThat(f.reload(d).disabledReason()).startsWith("endpoint_gone");
    assertThat(f.issues("open"))
        .extracting(IssueRecord::errorType)
        .containsExactly("endpoint_gone");

    String later = f.event("{}", d);
    f.clock.advance(Duration.ofHours(1));
    assertThat(scheduler.runDueNow().claimed()).isZero();
    assertThat(f.tasksOf(later).get(0).status()).isEqualTo(TaskStatus.PENDING);
    assertThat(f.provider.received(d.id())).hasSize(1);

    // Re-enabled by the user: the queued task is delivered.
    DestinationRecord off = f.reload(d);
    f.provider.script(d.id(), r -> ok());
    f.store
        .destinations()
        .update(
            new DestinationRecord(
                off.id(),
                off.orgId(),
                off.envId(),
                off.name(),
                off.slug(),
                off.description(),
                off.type(),
                off.configJson(),
                off.signingJson(),
                off.retry(),
                off.delivery(),
                null,
                off.version() + 1,
                off.createdAt(),
                f.clock.now(),
                null));
    // Written to the store behind the scheduler's back, as another node would: seen within 1 s.
    f.clock.advance(Duration.ofSeconds(1));
    scheduler.runDueNow();
    assertThat(f.tasksOf(later).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void clientErrorsAreNotRetriedButThrottlingAndTimeoutsAre() {
    DestinationRecord bad = f.destination("bad");
    f.provider.script(bad.id(), r -> status(400));
    DestinationRecord conflict = f.destination("conflict");
    f.provider.script(conflict.id(), r -> status(409));
    DestinationRecord timeout = f.destination("requestTimeout");
    f.provider.script(timeout.id(), r -> status(408));
    String a = f.event("{}", bad);
    String b = f.event("{}", conflict);
    String c = f.event("{}", timeout);

    scheduler.runDueNow();

    assertThat(f.tasksOf(a).get(0).status()).isEqualTo(TaskStatus.DEAD);
    assertThat(f.attempts(a))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.dlq()).isTrue();
              assertThat(x.errorType()).isEqualTo("http_4xx");
            });
    assertThat(f.status(a)).isEqualTo(EventStatus.FAILED);
    assertThat(f.tasksOf(b).get(0).status()).isEqualTo(TaskStatus.PENDING);
    assertThat(f.tasksOf(c).get(0).status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void unknownDestinationTypeIsRejectedWithoutRetry() {
    DestinationRecord d =
        f.destination("sqs", "aws_sqs", "{}", RetryPolicy.DEFAULT, Delivery.DEFAULT);
    String evt = f.event("{}", d);
    scheduler.runDueNow();
    assertThat(f.attempts(evt))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.errorType()).isEqualTo("rejected");
              assertThat(a.error()).contains("aws_sqs");
              assertThat(a.dlq()).isTrue();
            });
  }

  @Test
  void leaseOutlivesTheDestinationTimeout() {
    DestinationRecord d =
        f.destination(
            "patient", "test", "{\"timeout\":120}", RetryPolicy.DEFAULT, Delivery.DEFAULT);
    Instant[] leaseSeen = new Instant[1];
    f.provider.script(
        d.id(),
        r -> {
          leaseSeen[0] = f.tasksOf(r.eventId()).get(0).leaseExpiresAt();
          assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(120));
          return ok();
        });
    f.event("{}", d);
    Instant start = f.clock.now();
    scheduler.runDueNow();
    // 60 s configured, but a 120 s request needs 120 s + 15 s margin.
    assertThat(leaseSeen[0]).isEqualTo(start.plusSeconds(135));
  }

  @Test
  void largeBodiesAreReadFromTheBlobStore() {
    io.hookstream.store.memory.InMemoryBlobStore blobs =
        new io.hookstream.store.memory.InMemoryBlobStore();
    DeliveryScheduler withBlobs = f.scheduler().blobs(blobs).build();
    DestinationRecord d = f.destination("big");
    String evt = f.ids.next("evt");
    Instant now = f.clock.now();
    blobs.put("org_test/env_test/" + evt, "{\"big\":true}".getBytes(StandardCharsets.UTF_8));
    f.store
        .events()
        .insert(
            new EventRecord(
                evt,
                "org_test",
                "env_test",
                "src_test",
                "POST",
                "/",
                Map.of(),
                Map.of(),
                "application/json",
                "127.0.0.1",
                12,
                null,
                "org_test/env_test/" + evt,
                null,
                EventStatus.RECEIVED,
                null,
                null,
                "unverified",
                now,
                null,
                now));
    f.store
        .events()
        .markRouted(
            DeliveryFixture.SCOPE,
            evt,
            EventStatus.PROCESSING,
            List.of(f.tasks.pending(DeliveryFixture.SCOPE, evt, "conn", d.id(), null, null)),
            now);

    withBlobs.runDueNow();

    assertThat(f.provider.received(d.id()))
        .extracting(ScriptedProvider.Received::body)
        .containsExactly("{\"big\":true}");
    assertThat(f.status(evt)).isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void deletedDestinationCancelsItsTasks() {
    DestinationRecord d = f.destination("deleted");
    String evt = f.event("{}", d);
    f.store.destinations().delete(DeliveryFixture.SCOPE, d.id(), f.clock.now());
    RunResult run = scheduler.runDueNow();
    assertThat(run.cancelled()).isEqualTo(1);
    assertThat(f.tasksOf(evt).get(0).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(f.provider.received()).isEmpty();
  }

  @Test
  void transformFailureIsRecordedWithoutDelivery() {
    DestinationRecord d = f.destination("transformed");
    String evt = f.event("{}");
    f.store
        .deliveries()
        .insertTasks(
            List.of(
                f.tasks.transformFailure(
                    DeliveryFixture.SCOPE,
                    evt,
                    "conn_x",
                    d.id(),
                    "Expression failed: $undefined()")));

    scheduler.runDueNow();

    assertThat(f.provider.received()).isEmpty();
    assertThat(f.attempts(evt))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.errorType()).isEqualTo("transform_error");
              assertThat(a.error()).contains("$undefined()");
              assertThat(a.dlq()).isTrue();
              assertThat(a.status()).isEqualTo("failed");
            });
    assertThat(f.status(evt)).isEqualTo(EventStatus.FAILED);
    assertThat(f.issues("open"))
        .extracting(IssueRecord::errorType)
        .containsExactly("transform_error");
  }

  @Test
  void fanOutDeliversToEveryDestinationAndTheEventWaitsForAll() {
    DestinationRecord a = f.destination("a");
    DestinationRecord b = f.destination("b");
    DestinationRecord c = f.destination("c");
    int[] calls = {0};
    f.provider.script(c.id(), r -> ++calls[0] == 1 ? status(500) : ok());
    String evt = f.event("{\"fan\":true}", a, b, c);

    scheduler.runDueNow();
    assertThat(f.provider.received())
        .extracting(ScriptedProvider.Received::destinationId)
        .containsExactlyInAnyOrder(a.id(), b.id(), c.id());
    assertThat(f.status(evt)).isEqualTo(EventStatus.PROCESSING);

    f.clock.advance(Duration.ofSeconds(30));
    scheduler.runDueNow();
    assertThat(f.status(evt)).isEqualTo(EventStatus.DELIVERED);
    assertThat(f.attempts(evt)).hasSize(4);
    assertThat(f.attemptEvents).hasSize(4);
  }
}
