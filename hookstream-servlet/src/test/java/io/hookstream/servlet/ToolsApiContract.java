package io.hookstream.servlet;

import static io.hookstream.servlet.RestApiSuite.assertError;
import static io.hookstream.servlet.RestApiSuite.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tools API over HTTP in a real container: each tool against a real loopback receiver (an
 * engine that allows private networks, at {@code /*}), and at {@code /strict/*} an engine that
 * refuses them, with a tools limit of three a minute. No API key anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ToolsApiContract {

  static final int STRICT_TOOLS_LIMIT = 3;

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final ManualClock strictClock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  final WebhookReceiver receiver = WebhookReceiver.start();
  Hookstream open;
  Hookstream strict;
  ServletContainer container;
  Client api;

  abstract ServletContainer container();

  @BeforeAll
  void startContainer() throws Exception {
    open = engine(clock, true);
    strict = engine(strictClock, false);
    container = container();
    URI base =
        container.start(
            open,
            ServletOptions.builder().toolsLimit(RateLimit.perMinute(1_000_000)).build(),
            "/strict/*",
            new HookstreamServlet(
                strict,
                ServletOptions.builder()
                    .mapping("/strict/*")
                    .toolsLimit(RateLimit.perMinute(STRICT_TOOLS_LIMIT))
                    .build()));
    api = new Client(base);
  }

  @AfterAll
  void stop() throws Exception {
    container.close();
    open.close();
    strict.close();
    receiver.close();
  }

  @BeforeEach
  void freshWindow() {
    receiver.reset();
    strictClock.advance(Duration.ofMinutes(1)); // every test starts with the strict limit unused
  }

  static Hookstream engine(ManualClock clock, boolean allowPrivate) {
    return Hookstream.builder()
        .store(new InMemoryStore())
        .keyValueStore(new InMemoryKeyValueStore(clock))
        .blobStore(new InMemoryBlobStore())
        .clock(clock)
        .allowPrivateNetworks(allowPrivate)
        .build()
        .start();
  }

  @Test
  void healthCheckReportsTheEndpointsAnswer() {
    receiver.respondWith(
        ScriptedResponse.status(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":true}"));

    Client.Response r =
        api.post(
            "/v1/tools/health-check",
            null,
            "{\"url\":\"" + receiver.url("/hooks") + "\",\"method\":\"GET\",\"timeout\":5}");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("healthy").asBoolean()).isTrue();
    assertThat(j.path("status_code").asInt()).isEqualTo(200);
    assertThat(j.path("latency_ms").isIntegralNumber()).isTrue();
    assertThat(j.path("headers").path("content-type").asText()).isEqualTo("application/json");
    assertThat(j.path("body").asText()).isEqualTo("{\"ok\":true}");
    assertThat(j.path("body_truncated").asBoolean()).isFalse();
    assertThat(j.path("tls").isNull()).isTrue();
    assertThat(j.path("error").isNull()).isTrue();
    assertThat(receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0).method()).isEqualTo("GET");
  }

  @Test
  void aScheduledSendFiresAtItsTimeAndItsResultIsReadableById() {
    Client.Response created =
        api.post(
            "/v1/tools/schedule",
            null,
            "{\"url\":\""
                + receiver.url("/later")
                + "\",\"delay_seconds\":3600,\"headers\":{\"X-Reminder\":\"1\"},"
                + "\"body\":\"{\\\"type\\\":\\\"reminder\\\"}\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("schedule_id").asText();
    assertThat(created.json().path("status").asText()).isEqualTo("pending");
    assertThat(created.json().path("fires_at").asText())
        .isEqualTo(clock.now().plusSeconds(3600).toString());

    clock.advance(Duration.ofSeconds(3599));
    open.runDueJobs();
    assertThat(receiver.requests()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    open.runDueJobs();

    RecordedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0);
    assertThat(got.header("X-Reminder")).isEqualTo("1");
    assertThat(got.bodyAsString()).isEqualTo("{\"type\":\"reminder\"}");
    Client.Response read = api.get("/v1/tools/schedule/" + id, null);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().path("status").asText()).isEqualTo("completed");
    assertThat(read.json().path("response_status").asInt()).isEqualTo(200);
    assertThat(read.json().path("completed_at").asText()).isEqualTo(clock.now().toString());

    assertError(api.get("/v1/tools/schedule/sch_" + "0".repeat(32), null), 404);
  }

  @Test
  void idempotencyTestSendsTheSameKeyAndJudgesTheAnswers() {
    receiver.enqueue(
        ScriptedResponse.status(201).withBody("{\"id\":\"ord_1\"}"),
        ScriptedResponse.status(409).withBody("{\"error\":\"duplicate\"}"),
        ScriptedResponse.status(409).withBody("{\"error\":\"duplicate\"}"));

    Client.Response r =
        api.post(
            "/v1/tools/idempotency-test",
            null,
            "{\"url\":\""
                + receiver.url("/orders")
                + "\",\"idempotency_header\":\"Idempotency-Key\","
                + "\"idempotency_value\":\"order_123_create\",\"count\":3,\"body\":\"{}\"}");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("idempotent").asBoolean()).isFalse();
    assertThat(j.path("total_requests").asInt()).isEqualTo(3);
    assertThat(j.path("unique_responses").asInt()).isEqualTo(2);
    assertThat(j.path("duplicate_responses").asInt()).isZero();
    assertThat(j.path("results").get(1).path("status").asInt()).isEqualTo(409);
    assertThat(j.path("results").get(1).path("response_body").asText())
        .isEqualTo("{\"error\":\"duplicate\"}");
    assertThat(j.path("results").get(2).path("is_duplicate").asBoolean()).isFalse();
    assertThat(receiver.awaitRequests(3, Duration.ofSeconds(5)))
        .extracting(q -> q.header("Idempotency-Key"))
        .containsOnly("order_123_create");
  }

  @Test
  void everyToolRefusesAHostThatResolvesToLoopbackNamingTheField() {
    String url = "http://localhost:" + receiver.port() + "/x";
    for (String[] call :
        List.of(
            new String[] {"/strict/v1/tools/health-check", "{\"url\":\"" + url + "\"}"},
            new String[] {
              "/strict/v1/tools/schedule", "{\"url\":\"" + url + "\",\"delay_seconds\":60}"
            },
            new String[] {
              "/strict/v1/tools/idempotency-test", "{\"url\":\"" + url + "\",\"count\":2}"
            })) {
      Client.Response r = api.post(call[0], null, call[1]);
      assertError(r, 422);
      assertThat(fieldNames(r)).containsExactly("url");
      assertThat(r.json().path("fields").get(0).path("message").asText())
          .contains("loopback address")
          .contains("refused");
    }
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void badFieldsAre422sNamingEachField() {
    String url = "\"url\":\"" + receiver.url() + "\"";
    assertRefused(
        "/v1/tools/schedule",
        "{\"url\":\"ftp://x\",\"delay_seconds\":86401,\"method\":\"G T\"}",
        "url",
        "method");
    assertRefused("/v1/tools/schedule", "{" + url + ",\"delay_seconds\":0}", "delay_seconds");
    assertRefused("/v1/tools/idempotency-test", "{" + url + ",\"count\":11}", "count");
    assertRefused("/v1/tools/health-check", "{}", "url");
    assertRefused(
        "/v1/tools/health-check",
        "{" + url + ",\"headers\":{\"Host\":\"intranet\"}}",
        "headers.Host");
    assertThat(receiver.requests()).isEmpty();
  }

  private void assertRefused(String path, String json, String... fields) {
    Client.Response r = api.post(path, null, json);
    assertError(r, 422);
    assertThat(fieldNames(r)).containsExactly(fields);
  }

  @Test
  void theToolsAreLimitedPerAddressWithRetryAfter() {
    String body = "{\"url\":\"http://10.0.0.1/\"}";
    for (int i = 0; i < STRICT_TOOLS_LIMIT; i++) {
      Client.Response r = api.post("/strict/v1/tools/health-check", null, body);
      assertError(r, 422);
      assertThat(r.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(STRICT_TOOLS_LIMIT));
    }

    Client.Response limited = api.post("/strict/v1/tools/health-check", null, body);
    assertError(limited, 429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.json().path("error").asText()).contains("3 requests per 60 s");
    // other public routes keep their own, larger limit
    assertThat(api.get("/strict/v1/health", null).status()).isEqualTo(200);

    strictClock.advance(Duration.ofMinutes(1));
    assertError(api.post("/strict/v1/tools/health-check", null, body), 422);
  }

  @Test
  void switchedOffTheToolsAndTestSessionsAnswer404() throws Exception {
    try (ServletContainer off = container()) {
      Client offApi =
          new Client(
              off.start(
                  open,
                  ServletOptions.builder().publicTools(false).build(),
                  "/unused/*",
                  new jakarta.servlet.http.HttpServlet() {}));
      String check = "{\"url\":\"" + receiver.url() + "\"}";
      assertError(offApi.post("/v1/tools/health-check", null, check), 404);
      assertError(offApi.post("/v1/tools/idempotency-test", null, check), 404);
      assertError(offApi.get("/v1/tools/schedule/sch_" + "0".repeat(32), null), 404);
      assertError(offApi.post("/v1/test/sessions", null, "{}"), 404);
      assertError(offApi.get("/v1/test/sessions/x/events", null), 404);
      assertError(offApi.post("/v1/agent/sessions", null, "{}"), 404);
      String session = open.testSessions().create("203.0.113.9").id();
      assertError(offApi.post("/v1/ingest/" + session, null, "{}"), 404);
      assertThat(open.testSessions().require(session).requestCount()).isZero();
      assertThat(offApi.get("/v1/health", null).status()).isEqualTo(200);
      assertThat(receiver.requests()).isEmpty();
    }
    // the same engine behind the default options serves them
    assertThat(
            api.post("/v1/tools/health-check", null, "{\"url\":\"" + receiver.url() + "\"}")
                .status())
        .isEqualTo(200);
  }
}
