package io.hookstream.tools;

import static io.hookstream.tools.HealthCheckTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.internal.EngineJobs;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled sends on the manual clock: nothing fires early, a send fires once at its time, its
 * outcome is readable by id, and an engine that replaces a stopped one fires what it left.
 */
class ScheduledSendTest {

  @RegisterExtension static final WebhookReceiver receiver = WebhookReceiver.start();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Store store = new InMemoryStore();
  private Hookstream hs;

  @AfterEach
  void close() {
    hs.close();
  }

  private Hookstream engine() {
    hs = ToolsFixture.engine(store, clock, b -> b.allowPrivateNetworks(true)).start();
    return hs;
  }

  private ToolRequest reminder() {
    return ToolRequest.builder(receiver.url("/reminders"))
        .header("Content-Type", "application/json")
        .body("{\"type\":\"reminder\"}")
        .build();
  }

  @Test
  void firesOnceAtItsTimeOverTwentyFourHoursAndNeverEarly() {
    receiver.respondWith(ScriptedResponse.status(204));
    Hookstream hs = engine();
    ScheduledSend scheduled = hs.tools().schedule(reminder(), Duration.ofHours(24));
    assertThat(scheduled.status()).isEqualTo(ScheduledSend.Status.PENDING);
    assertThat(scheduled.firesAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(scheduled.id()).matches("sch_[0-9a-f]{32}");

    // an hour at a time up to one second before: nothing goes out
    for (int hour = 1; hour < 24; hour++) {
      clock.advance(Duration.ofHours(1));
      hs.runDueJobs();
    }
    clock.advance(Duration.ofMinutes(59).plusSeconds(59));
    assertThat(hs.runDueJobs()).contains("scheduled-sends");
    assertThat(receiver.requests()).isEmpty();
    assertThat(hs.tools().requireScheduled(scheduled.id()).status())
        .isEqualTo(ScheduledSend.Status.PENDING);

    clock.advance(Duration.ofSeconds(1));
    hs.runDueJobs();

    RecordedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/reminders");
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.bodyAsString()).isEqualTo("{\"type\":\"reminder\"}");
    ScheduledSend done = hs.tools().requireScheduled(scheduled.id());
    assertThat(done.status()).isEqualTo(ScheduledSend.Status.COMPLETED);
    assertThat(done.responseStatus()).hasValue(204);
    assertThat(done.latency()).isPresent();
    assertThat(done.error()).isEmpty();
    assertThat(done.completedAt()).contains(Instant.parse("2026-03-02T10:00:00Z"));

    clock.advance(Duration.ofHours(2));
    hs.runDueJobs();
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void anEngineThatReplacesAStoppedOneFiresWhatItLeft() {
    ScheduledSend scheduled = engine().tools().schedule(reminder(), Duration.ofMinutes(30));
    hs.close();

    clock.advance(Duration.ofMinutes(31));
    Hookstream next = engine();
    clock.advance(EngineJobs.SCHEDULED_SEND_INTERVAL); // its first pass, a second after start
    next.runDueJobs();

    assertThat(receiver.awaitRequests(1, Duration.ofSeconds(5))).hasSize(1);
    assertThat(next.tools().requireScheduled(scheduled.id()).status())
        .isEqualTo(ScheduledSend.Status.COMPLETED);
  }

  @Test
  void anEndpointThatDoesNotAnswerIsAFailedSendWithItsError() {
    Hookstream hs = engine();
    ScheduledSend scheduled =
        hs.tools()
            .schedule(ToolRequest.builder("http://127.0.0.1:9/").build(), Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    hs.runDueJobs();

    ScheduledSend done = hs.tools().requireScheduled(scheduled.id());
    assertThat(done.status()).isEqualTo(ScheduledSend.Status.FAILED);
    assertThat(done.responseStatus()).isEmpty();
    assertThat(done.error().orElseThrow()).contains("127.0.0.1:9");
  }

  @Test
  void aHostThatTurnsPrivateBeforeItFiresIsRefusedThen() {
    AtomicReference<String> dns = new AtomicReference<>("203.0.113.7");
    hs =
        ToolsFixture.engine(
                store, clock, b -> b.toolsResolver(host -> ToolsFixture.addresses(host, dns.get())))
            .start();
    ScheduledSend scheduled =
        hs.tools()
            .schedule(
                ToolRequest.builder("http://rebind.example:" + receiver.port() + "/").build(),
                Duration.ofMinutes(5));

    dns.set("127.0.0.1");
    clock.advance(Duration.ofMinutes(5));
    hs.runDueJobs();

    ScheduledSend done = hs.tools().requireScheduled(scheduled.id());
    assertThat(done.status()).isEqualTo(ScheduledSend.Status.FAILED);
    assertThat(done.error().orElseThrow()).contains("url: ").contains("loopback");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void delayAndAddressAreCheckedWhenScheduling() {
    Hookstream hs = engine();
    assertThatThrownBy(() -> hs.tools().schedule(reminder(), Duration.ZERO))
        .satisfies(e -> assertField(e, "delay_seconds", "from 1 to 86400"));
    assertThatThrownBy(() -> hs.tools().schedule(reminder(), Duration.ofSeconds(86_401)))
        .satisfies(e -> assertField(e, "delay_seconds", "from 1 to 86400"));
    hs.close();

    this.hs = ToolsFixture.engine(store, clock, b -> b).start();
    assertThatThrownBy(() -> this.hs.tools().schedule(reminder(), Duration.ofSeconds(60)))
        .satisfies(e -> assertField(e, "url", "loopback"));
  }

  @Test
  void anUnknownIdIsNotFound() {
    Hookstream hs = engine();
    assertThat(hs.tools().scheduled("sch_" + "0".repeat(32))).isEmpty();
    assertThatThrownBy(() -> hs.tools().requireScheduled("sch_nope"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void finishedSendsAreForgottenAfterAWeek() {
    Hookstream hs = engine();
    ScheduledSend scheduled = hs.tools().schedule(reminder(), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    hs.runDueJobs();

    clock.advance(ToolsService.FINISHED_SEND_RETENTION.minusHours(1));
    hs.runDueJobs();
    assertThat(hs.tools().scheduled(scheduled.id())).isPresent();
    clock.advance(Duration.ofHours(2));
    hs.runDueJobs();
    assertThat(hs.tools().scheduled(scheduled.id())).isEmpty();
  }
}
