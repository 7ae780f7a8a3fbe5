package io.hookstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine retries what the provider calls retryable, whatever the status code says. */
class ProviderVerdictTest {

  private final DeliveryFixture f = new DeliveryFixture();
  private final DeliveryScheduler scheduler = f.scheduler().build();

  private static DeliveryResult failure(int status, FailureKind kind, boolean retryable) {
    return new DeliveryResult.Failed(
        kind,
        "ThrottlingException: Rate exceeded",
        retryable,
        null,
        status,
        5,
        Map.of(),
        Map.of(),
        null);
  }

  @Test
  void aThrottle400ThatTheProviderCallsRetryableIsRetriedOnTheSchedule() {
    DestinationRecord d = f.destination("throttled");
    f.provider.script(d.id(), r -> failure(400, FailureKind.THROTTLED, true));
    Instant start = f.clock.now();
    String evt = f.event("{}", d);

    scheduler.runDueNow();

    AttemptRecord attempt = f.attempts(evt).get(0);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.THROTTLED);
    assertThat(attempt.dlq()).isFalse();
    assertThat(attempt.nextRetryAt()).isEqualTo(start.plusSeconds(30));
    assertThat(f.tasksOf(evt).get(0).status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void aThrottleHonoursTheServicesRetryAfter() {
    DestinationRecord d = f.destination("slow-down");
    f.provider.script(
        d.id(),
        r ->
            new DeliveryResult.Failed(
                FailureKind.THROTTLED,
                "SlowDown",
                true,
                Duration.ofSeconds(90),
                400,
                5,
                Map.of(),
                Map.of(),
                null));
    Instant start = f.clock.now();
    String evt = f.event("{}", d);

    scheduler.runDueNow();

    assertThat(f.attempts(evt).get(0).nextRetryAt()).isEqualTo(start.plusSeconds(90));
  }

  @Test
  void a5xxThatTheProviderCallsPermanentIsDeadLetteredAtOnce() {
    DestinationRecord d = f.destination("permanent");
    f.provider.script(d.id(), r -> failure(500, FailureKind.NOT_FOUND, false));
    String evt = f.event("{}", d);

    scheduler.runDueNow();

    AttemptRecord attempt = f.attempts(evt).get(0);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.dlq()).isTrue();
    assertThat(f.tasksOf(evt).get(0).status()).isEqualTo(TaskStatus.DEAD);
  }

  @Test
  void anEndpointGoneIsNeverRetriedEvenWhenTheProviderSaysRetryable() {
    DestinationRecord d = f.destination("gone");
    f.provider.script(d.id(), r -> failure(410, FailureKind.ENDPOINT_GONE, true));
    String evt = f.event("{}", d);

    scheduler.runDueNow();

    assertThat(f.tasksOf(evt).get(0).status()).isEqualTo(TaskStatus.DEAD);
    assertThat(f.reload(d).disabledReason()).isNotNull();
  }

  @Test
  void theProviderSeesTheEventsSourceReceivedTimeMethodAndHeaders() {
    DestinationRecord d = f.destination("context");
    AtomicReference<DeliveryRequest> seen = new AtomicReference<>();
    f.provider.script(
        d.id(),
        r -> {
          seen.set(r);
          return ScriptedProvider.ok();
        });
    Instant received = f.clock.now();
    String evt = f.event("{}", Map.of("x-github-event", List.of("push")), d);
    f.clock.advance(Duration.ofSeconds(3));

    scheduler.runDueNow();

    assertThat(seen.get().eventId()).isEqualTo(evt);
    assertThat(seen.get().event().sourceId()).isEqualTo("src_test");
    assertThat(seen.get().event().receivedAt()).isEqualTo(received);
    assertThat(seen.get().event().method()).isEqualTo("POST");
    assertThat(seen.get().event().headers()).containsEntry("x-github-event", List.of("push"));
  }
}
