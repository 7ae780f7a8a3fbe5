package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.stream.CollectingSink;
import io.hookstream.stream.StreamSubscription;
import io.hookstream.testsession.TestEvent;
import io.hookstream.testsession.TestEventQuery;
import io.hookstream.testsession.TestResponse;
import io.hookstream.testsession.TestSessionInfo;
import io.hookstream.testsession.TestSessionService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Test sessions through the Java API: limits on the manual clock, detection, claims. */
class TestSessionsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final Hookstream hs = TestEngine.builder(store, clock).build().start();
  private final TestSessionService sessions = hs.testSessions();

  @AfterEach
  void close() {
    hs.close();
  }

  private static IngestRequest post(String json, String... headers) {
    IngestRequest.Builder b =
        IngestRequest.builder()
            .method("POST")
            .url("https://hooks.example.com/v1/ingest/x?attempt=1")
            .header("content-type", "application/json")
            .queryParam("attempt", "1")
            .clientIp("198.51.100.9")
            .body(json.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private static ErrorCode codeOf(Runnable r) {
    try {
      r.run();
    } catch (HookstreamException e) {
      return e.code();
    }
    throw new AssertionError("no HookstreamException");
  }

  @Test
  void recordsTheRequestAndAnswersTheConfiguredResponse() {
    TestSessionInfo s = sessions.create("203.0.113.1");
    assertThat(s.id()).matches("[0-9a-f]{32}");
    assertThat(s.url()).endsWith("/v1/ingest/" + s.id());
    assertThat(s.expiresAt()).isEqualTo(clock.now().plus(Duration.ofDays(14)));
    assertThat(s.requestLimit()).isEqualTo(2000);

    sessions.configureResponse(
        s.id(), new TestResponse(201, "text/plain", "thanks", Map.of("X-Custom", "yes")));
    TestResponse answer = sessions.receive(s.id(), post("{\"type\":\"order.created\"}"));
    assertThat(answer)
        .isEqualTo(new TestResponse(201, "text/plain", "thanks", Map.of("X-Custom", "yes")));

    TestEvent e = sessions.events(s.id(), TestEventQuery.ALL, PageRequest.first(10)).items().get(0);
    assertThat(e.method()).isEqualTo("POST");
    assertThat(e.path()).isEqualTo("/v1/ingest/x");
    assertThat(e.query()).containsEntry("attempt", java.util.List.of("1"));
    assertThat(e.header("Content-Type")).isEqualTo("application/json");
    assertThat(new String(e.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"order.created\"}");
    assertThat(e.sourceIp()).isEqualTo("198.51.100.9");
    assertThat(e.receivedAt()).isEqualTo(clock.now());
    assertThat(e.responseStatus()).isEqualTo(201);
    assertThat(sessions.require(s.id()).requestCount()).isEqualTo(1);
  }

  @Test
  void detectsTheProviderFromTheSourceTemplatesSignatureHeaders() {
    TestSessionInfo s = sessions.create(null);
    sessions.receive(s.id(), post("{}", "Stripe-Signature", "t=1,v1=ab"));
    sessions.receive(
        s.id(), post("{}", "X-Hub-Signature-256", "sha256=ab", "X-Hub-Signature", "sha1=cd"));
    sessions.receive(s.id(), post("{}", "X-Shopify-Hmac-Sha256", "abc="));
    sessions.receive(s.id(), post("{}", "svix-id", "msg_1", "svix-signature", "v1,abc"));
    sessions.receive(s.id(), post("{}"));

    assertThat(sessions.events(s.id(), TestEventQuery.ALL, PageRequest.first(10)).items())
        .extracting(TestEvent::provider)
        .containsExactly(null, "svix", "shopify", "github", "stripe");
  }

  @Test
  void refusesA2001stRequestWith410NamingTheLimit() {
    TestSessionInfo s = sessions.create(null);
    for (int i = 0; i < TestSessionService.REQUEST_LIMIT; i++) {
      sessions.receive(s.id(), post("{}"));
    }
    assertThatThrownBy(() -> sessions.receive(s.id(), post("{}")))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.GONE);
              assertThat(e.getMessage()).contains("limit of 2000 requests");
            });
    assertThat(sessions.require(s.id()).requestCount()).isEqualTo(2000);
  }

  @Test
  void expiresAfter14DaysAndIsPurgedWithItsEventsByTheJobRunner() {
    TestSessionInfo s = sessions.create(null);
    sessions.receive(s.id(), post("{}"));
    clock.advance(Duration.ofDays(14).minusSeconds(1));
    sessions.receive(s.id(), post("{}"));
    hs.runDueJobs();
    assertThat(sessions.require(s.id()).requestCount()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> sessions.receive(s.id(), post("{}")))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.GONE);
              assertThat(e.getMessage()).contains("expired").contains("14 days");
            });

    clock.advance(Duration.ofMinutes(10));
    assertThat(hs.runDueJobs()).contains("test-session-purge");
    assertThat(codeOf(() -> sessions.require(s.id()))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(store.testSessions().oldestFirst(s.id(), null, 10)).isEmpty();
  }

  @Test
  void allowsTenSessionsPerAddressPerHour() {
    for (int i = 0; i < 10; i++) {
      sessions.create("203.0.113.5");
    }
    assertThatThrownBy(() -> sessions.create("203.0.113.5"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.getMessage()).contains("10 sessions per IP address per 60 minutes");
              assertThat(e.details()).containsKey("retry_after_seconds");
            });
    sessions.create("203.0.113.6");
    sessions.create(null);

    clock.advance(Duration.ofHours(1));
    sessions.create("203.0.113.5");
  }

  @Test
  void validatesTheResponseNamingEachField() {
    TestSessionInfo s = sessions.create(null);
    assertThatThrownBy(
            () ->
                sessions.configureResponse(
                    s.id(),
                    new TestResponse(
                        199, " ", "x".repeat(4097), Map.of("Bad Name", "v", "X-Ok", "a\r\nb"))))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(f -> f.field())
                    .contains("status_code", "content_type", "body", "headers", "headers.X-Ok"));
    sessions.configureResponse(
        s.id(), new TestResponse(599, "text/plain", "x".repeat(4096), Map.of()));
    assertThat(codeOf(() -> sessions.configureForwarding(s.id(), "ftp://example.com/x", true)))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThatThrownBy(
            () -> sessions.configureForwarding(s.id(), "http://127.0.0.1:3000/hook", true))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("url");
              assertThat(e.getMessage()).contains("loopback").contains("allowPrivateNetworks");
            });
  }

  @Test
  void claimingMovesTheEventsIntoASourceAndTheUrlFeedsItAfterwards() {
    Scope scope = TestEngine.newScope(hs);
    Scope other = TestEngine.newScope(hs);
    TestSessionInfo s = sessions.create(null);
    sessions.receive(s.id(), post("{\"n\":1}"));
    sessions.receive(s.id(), post("{\"n\":2}"));

    TestSessionInfo claimed = sessions.claim(s.id(), scope);
    assertThat(claimed.claimed()).isTrue();
    assertThat(claimed.orgId()).isEqualTo(scope.orgId());
    assertThat(sessions.claim(s.id(), scope).sourceId()).isEqualTo(claimed.sourceId());
    assertThat(codeOf(() -> sessions.claim(s.id(), other))).isEqualTo(ErrorCode.NOT_FOUND);

    var moved =
        hs.events()
            .list(
                scope,
                EventQuery.builder().sourceId(claimed.sourceId()).build(),
                PageRequest.first(10));
    assertThat(moved.items())
        .extracting(Event::id)
        .containsExactlyElementsOf(
            sessions.events(s.id(), TestEventQuery.ALL, PageRequest.first(10)).items().stream()
                .map(TestEvent::id)
                .toList());

    clock.advance(Duration.ofDays(30));
    sessions.receive(s.id(), post("{\"n\":3}"));
    assertThat(
            hs.events()
                .list(
                    scope,
                    EventQuery.builder().sourceId(claimed.sourceId()).build(),
                    PageRequest.first(10))
                .items())
        .hasSize(3);
    assertThat(sessions.require(s.id()).requestCount()).isEqualTo(3);
  }

  @Test
  void pushesEachRequestToTheSessionFeed() throws InterruptedException {
    TestSessionInfo s = sessions.create(null);
    CollectingSink sink = new CollectingSink();
    StreamSubscription sub = hs.streams().openTestSession(s.id(), sink, 100);
    try {
      sessions.receive(s.id(), post("{\"type\":\"ping\"}"));
      var frame = sink.poll(5000);
      assertThat(frame).as("a frame within 5 s").isNotNull();
      assertThat(frame.path("type").asText()).isEqualTo("event");
      assertThat(frame.path("channel").asText()).isEqualTo("test");
      assertThat(frame.path("data").path("body").path("type").asText()).isEqualTo("ping");
      assertThat(frame.path("data").path("method").asText()).isEqualTo("POST");
    } finally {
      sub.close();
    }
  }
}
