package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/test/sessions} and {@code /v1/agent/sessions} over a real container: the recorded
 * request and the configured answer, filters, export, limits and expiry on the manual clock,
 * forwarding to a real (slow) loopback receiver, and claims across organizations.
 */
abstract class TestSessionsApiContract extends RestApiSuite {

  /**
   * A new session. Every test here creates from 127.0.0.1, which may create ten an hour: each
   * creation first moves the clock past the current hour's window.
   */
  private String newSession(String base) {
    clock.advance(Duration.ofHours(1));
    Client.Response r = api.send("POST", base, null, null, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("session_id").asText();
  }

  private Client.Response hit(
      String id, String method, String query, String body, String... headers) {
    HttpRequest.Builder b =
        api.request("/v1/ingest/" + id + (query == null ? "" : "?" + query))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return api.send(b.build());
  }

  private Client.Response postJson(String id, String json) {
    return hit(id, "POST", null, json, "Content-Type", "application/json");
  }

  @Test
  void aSessionRecordsWhatHitsItAnswersWhatItIsToldAndExportsIt() {
    Instant before = clock.now().plus(Duration.ofHours(1));
    Client.Response created = api.send("POST", "/v1/agent/sessions", null, null, null);
    clock.advance(Duration.ofHours(1));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode s = created.json();
    String id = s.path("session_id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(s.path("url").asText()).endsWith("/v1/ingest/" + id);
    assertThat(s.path("request_limit").asInt()).isEqualTo(2000);
    assertThat(s.path("request_count").asInt()).isZero();
    assertThat(Instant.parse(s.path("expires_at").asText()))
        .isEqualTo(before.minus(Duration.ofHours(1)).plus(Duration.ofDays(14)));

    Client.Response configured =
        api.patch(
            "/v1/test/sessions/" + id + "/response",
            null,
            "{\"status_code\":201,\"content_type\":\"text/plain\",\"body\":\"thanks\","
                + "\"headers\":{\"X-Custom\":\"value\"}}");
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    assertThat(configured.json().path("ok").asBoolean()).isTrue();

    Client.Response answer =
        hit(
            id,
            "POST",
            "attempt=1",
            "{\"type\":\"checkout.session.completed\"}",
            "Content-Type",
            "application/json",
            "Stripe-Signature",
            "t=1,v1=abc");
    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.text()).isEqualTo("thanks");
    assertThat(answer.header("Content-Type")).startsWith("text/plain");
    assertThat(answer.header("X-Custom")).isEqualTo("value");
    clock.advance(Duration.ofSeconds(1));
    assertThat(hit(id, "GET", null, null).status()).isEqualTo(201);
    api.patch("/v1/test/sessions/" + id + "/response", null, "{\"status_code\":503}");
    clock.advance(Duration.ofSeconds(1));
    assertThat(hit(id, "DELETE", null, null).status()).isEqualTo(503);

    JsonNode listed = api.get("/v1/agent/sessions/" + id, null).json();
    assertThat(listed.path("session").path("request_count").asInt()).isEqualTo(3);
    JsonNode events = listed.path("events");
    assertThat(events.findValuesAsText("method")).containsExactly("DELETE", "GET", "POST");
    JsonNode post = events.get(2);
    assertThat(post.path("provider").asText()).isEqualTo("stripe");
    assertThat(post.path("status_code").asInt()).isEqualTo(201);
    assertThat(post.path("source_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(listed.path("pagination").path("limit").asInt()).isEqualTo(50);

    String eventId = post.path("id").asText();
    JsonNode detail = api.get("/v1/test/sessions/" + id + "/events/" + eventId, null).json();
    assertThat(detail.path("payload").path("type").asText())
        .isEqualTo("checkout.session.completed");
    assertThat(detail.path("headers").path("stripe-signature").asText()).isEqualTo("t=1,v1=abc");
    assertThat(detail.path("query").path("attempt").asText()).isEqualTo("1");
    assertThat(detail.path("path").asText()).isEqualTo("/v1/ingest/" + id);

    assertThat(filtered(id, "method=get")).containsExactly("GET");
    assertThat(filtered(id, "status=5xx")).containsExactly("DELETE");
    assertThat(filtered(id, "status=2xx")).containsExactly("GET", "POST");
    assertThat(filtered(id, "q=checkout.session")).containsExactly("POST");
    assertThat(filtered(id, "q=STRIPE-SIGNATURE")).containsExactly("POST");
    JsonNode page = api.get("/v1/agent/sessions/" + id + "/events?limit=2", null).json();
    assertThat(page.path("events").size()).isEqualTo(2);
    assertThat(page.path("pagination").path("has_more").asBoolean()).isTrue();
    String cursor = page.path("pagination").path("next_cursor").asText();
    assertThat(filtered(id, "limit=2&cursor=" + cursor)).containsExactly("POST");
    assertError(api.get("/v1/agent/sessions/" + id + "?status=3xx", null), 400);

    Client.Response noted =
        api.send(
            "PUT",
            "/v1/test/sessions/" + id + "/events/" + eventId + "/note",
            null,
            "application/json",
            "{\"note\":\"the successful payment\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(noted.status()).as(noted.toString()).isEqualTo(200);

    Client.Response ndjson = api.get("/v1/test/sessions/" + id + "/export", null);
    assertThat(ndjson.status()).isEqualTo(200);
    assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
    String[] lines = ndjson.text().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0])
        .contains("\"checkout.session.completed\"")
        .contains("the successful payment");
    Client.Response csv = api.get("/v1/agent/sessions/" + id + "/export?format=csv", null);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    List<String> rows = List.of(csv.text().split("\r\n"));
    assertThat(rows.get(0)).startsWith("id,received_at,method,path");
    assertThat(rows.get(1))
        .startsWith(eventId)
        .contains(",POST,")
        .contains(",stripe,201,the successful payment,json,")
        .endsWith("\"{\"\"type\"\":\"\"checkout.session.completed\"\"}\"");
    assertThat(rows).hasSize(4);
    assertError(api.get("/v1/agent/sessions/" + id + "/export?format=xml", null), 400);

    Client.Response deleted = api.delete("/v1/agent/sessions/" + id, null);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    assertError(api.get("/v1/test/sessions/" + id, null), 404);
    assertError(postJson(id, "{}"), 404);
  }

  private List<String> filtered(String id, String query) {
    return api.get("/v1/agent/sessions/" + id + "/events?" + query, null)
        .json()
        .path("events")
        .findValuesAsText("method");
  }

  @Test
  void badSettingsAre422NamingTheField() {
    String id = newSession("/v1/test/sessions");
    String path = "/v1/test/sessions/" + id;
    Client.Response status = api.patch(path + "/response", null, "{\"status_code\":600}");
    assertError(status, 422);
    assertThat(fieldNames(status)).containsExactly("status_code");
    Client.Response big =
        api.patch(path + "/response", null, "{\"body\":\"" + "x".repeat(4097) + "\"}");
    assertError(big, 422);
    assertThat(fieldNames(big)).containsExactly("body");
    Client.Response headers =
        api.patch(
            path + "/response", null, "{\"headers\":{\"Content-Length\":\"1\",\"X-A\":\"a\\nb\"}}");
    assertError(headers, 422);
    assertThat(fieldNames(headers))
        .containsExactlyInAnyOrder("headers.Content-Length", "headers.X-A");
    Client.Response url = api.patch(path + "/forwarding", null, "{\"url\":\"ftp://example.com\"}");
    assertError(url, 422);
    assertThat(fieldNames(url)).containsExactly("url");
    assertThat(fieldNames(api.patch(path + "/forwarding", null, "{}"))).containsExactly("url");
    assertThat(
            api.patch(path + "/response", null, "{\"body\":\"" + "x".repeat(4096) + "\"}").status())
        .isEqualTo(200);
  }

  @Test
  void creationIsLimitedToTenPerAddressPerHourWith429AndRetryAfter() {
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 10; i++) {
      assertThat(api.send("POST", "/v1/test/sessions", null, null, null).status()).isEqualTo(201);
    }
    Client.Response over = api.send("POST", "/v1/agent/sessions", null, null, null);
    assertError(over, 429);
    assertThat(over.json().path("error").asText()).contains("10 sessions per IP address");
    assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 3600L);
    clock.advance(Duration.ofSeconds(Long.parseLong(over.header("Retry-After"))));
    assertThat(api.send("POST", "/v1/test/sessions", null, null, null).status()).isEqualTo(201);
  }

  @Test
  void aSessionTakes2000RequestsThen410() {
    String id = newSession("/v1/test/sessions");
    for (int i = 0; i < 2000; i++) {
      assertThat(hit(id, "GET", null, null).status()).isEqualTo(200);
    }
    Client.Response full = postJson(id, "{}");
    assertError(full, 410);
    assertThat(full.json().path("error").asText()).contains("limit of 2000 requests");
    assertThat(
            api.get("/v1/test/sessions/" + id, null)
                .json()
                .path("session")
                .path("request_count")
                .asInt())
        .isEqualTo(2000);
  }

  @Test
  void anExpiredSessionAnswers410ThenIsPurgedWithItsEvents() {
    String id = newSession("/v1/test/sessions");
    assertThat(postJson(id, "{}").status()).isEqualTo(200);
    clock.advance(Duration.ofDays(14));
    Client.Response expired = postJson(id, "{}");
    assertError(expired, 410);
    assertThat(expired.json().path("error").asText()).contains("expired").contains("14 days");

    clock.advance(Duration.ofMinutes(10));
    fx.engine.runDueJobs();
    assertError(api.get("/v1/test/sessions/" + id, null), 404);
    assertError(api.get("/v1/test/sessions/" + id + "/export", null), 404);
  }

  @Test
  void forwardingNeverWaitsForASlowTargetAndStoresItsAnswer() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      receiver.respondWith(
          ScriptedResponse.status(202).withBody("accepted").withDelay(Duration.ofSeconds(4)));
      String id = newSession("/v1/agent/sessions");
      Client.Response on =
          api.patch(
              "/v1/agent/sessions/" + id + "/forwarding",
              null,
              "{\"url\":\"" + receiver.url("/hook") + "\",\"enabled\":true}");
      assertThat(on.status()).as(on.toString()).isEqualTo(200);
      assertThat(on.json().path("forwarding").asText()).isEqualTo(receiver.url("/hook"));

      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Client.Response r =
            hit(
                id,
                "POST",
                null,
                "{\"n\":" + i + "}",
                "Content-Type",
                "application/json",
                "X-Test",
                "yes");
        assertThat(r.status()).isEqualTo(200);
      }
      // All five were answered while the target still sleeps on the first copy.
      JsonNode listed = api.get("/v1/agent/sessions/" + id + "/events", null).json();
      listed.path("events").forEach(e -> ids.add(e.path("id").asText()));
      assertThat(ids).hasSize(5);
      for (String eventId : ids) {
        assertThat(event(id, eventId).path("forward").isNull()).isTrue();
      }

      List<RecordedRequest> got = receiver.awaitRequests(5, Duration.ofSeconds(30));
      assertThat(got).allSatisfy(r -> assertThat(r.header("X-Test")).isEqualTo("yes"));
      assertThat(got).extracting(RecordedRequest::bodyAsString).contains("{\"n\":0}", "{\"n\":4}");
      for (String eventId : ids) {
        awaitForward(id, eventId);
        JsonNode forward = event(id, eventId).path("forward");
        assertThat(forward.path("status_code").asInt()).isEqualTo(202);
        assertThat(forward.path("body").asText()).isEqualTo("accepted");
        assertThat(forward.path("latency_ms").asLong()).isGreaterThanOrEqualTo(4000);
      }
    }
  }

  @Test
  void aDeadForwardTargetIsRecordedAsTheEventsForwardError() {
    String id = newSession("/v1/test/sessions");
    api.patch(
        "/v1/test/sessions/" + id + "/forwarding", null, "{\"url\":\"http://127.0.0.1:9/x\"}");
    assertThat(postJson(id, "{}").status()).isEqualTo(200);
    String eventId =
        api.get("/v1/test/sessions/" + id + "/events", null)
            .json()
            .path("events")
            .get(0)
            .path("id")
            .asText();
    awaitForward(id, eventId);
    JsonNode forward = event(id, eventId).path("forward");
    assertThat(forward.path("status_code").isNull()).isTrue();
    assertThat(forward.path("error").asText()).isNotEmpty();

    Client.Response off =
        api.patch("/v1/test/sessions/" + id + "/forwarding", null, "{\"url\":null}");
    assertThat(off.json().path("forwarding").isNull()).isTrue();
  }

  @Test
  void forwardingToAPrivateAddressIsRefusedUnlessTheEngineAllowsIt() {
    limitedClock.advance(Duration.ofHours(1));
    Client.Response created = api.send("POST", "/limited/v1/test/sessions", null, null, null);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("session_id").asText();
    Client.Response refused =
        api.patch(
            "/limited/v1/test/sessions/" + id + "/forwarding",
            null,
            "{\"url\":\"http://127.0.0.1:3000/webhooks\"}");
    assertError(refused, 422);
    assertThat(fieldNames(refused)).containsExactly("url");
    assertThat(refused.json().path("error").asText()).contains("loopback");
    Client.Response metadata =
        api.patch(
            "/v1/test/sessions/" + newSession("/v1/test/sessions") + "/forwarding",
            null,
            "{\"url\":\"http://169.254.169.254/latest/meta-data\"}");
    assertError(metadata, 422);
  }

  @Test
  void claimingMovesTheSessionIntoTheCallersEnvironmentAndTheUrlKeepsWorking() {
    String id = newSession("/v1/test/sessions");
    assertThat(postJson(id, "{\"n\":1}").status()).isEqualTo(200);
    assertError(api.post("/v1/test/sessions/" + id + "/claim", null, "{}"), 401);

    Client.Response claimed = api.post("/v1/test/sessions/" + id + "/claim", keyA, "{}");
    assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    assertThat(claimed.json().path("claimed").asBoolean()).isTrue();
    assertThat(claimed.json().path("org_id").asText()).isEqualTo(fx.a.scope().orgId());
    String source = claimed.json().path("source_id").asText();
    assertThat(source).matches("src_[0-9a-f]{32}");
    assertThat(api.get("/v1/sources/" + source, keyA).status()).isEqualTo(200);
    assertError(api.get("/v1/sources/" + source, keyB), 404);
    assertError(api.post("/v1/agent/sessions/" + id + "/claim", keyB, "{}"), 404);
    assertThat(
            api.post("/v1/test/sessions/" + id + "/claim", keyA, "{}")
                .json()
                .path("source_id")
                .asText())
        .isEqualTo(source);
    assertThat(sourceEvents(source)).hasSize(1);

    clock.advance(Duration.ofDays(20));
    assertThat(postJson(id, "{\"n\":2}").status()).isEqualTo(200);
    assertThat(sourceEvents(source)).hasSize(2);
    assertThat(api.get("/v1/test/sessions/" + id, null).json().path("events").size()).isEqualTo(2);
  }

  @Test
  void unknownSessionsAndEventsAre404() {
    String unknown = "0".repeat(32);
    assertError(api.get("/v1/test/sessions/" + unknown, null), 404);
    assertError(api.get("/v1/agent/sessions/nope", null), 404);
    assertError(postJson(unknown, "{}"), 404);
    String id = newSession("/v1/test/sessions");
    assertError(api.get("/v1/test/sessions/" + id + "/events/evt_" + unknown, null), 404);
    assertError(api.post("/v1/test/sessions/" + unknown + "/claim", keyA, "{}"), 404);
  }

  private List<String> sourceEvents(String source) {
    return api.get("/v1/events?source_id=" + source, keyA)
        .json()
        .path("events")
        .findValuesAsText("id");
  }

  private JsonNode event(String id, String eventId) {
    return api.get("/v1/test/sessions/" + id + "/events/" + eventId, null).json();
  }

  private void awaitForward(String id, String eventId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (event(id, eventId).path("forward").isNull()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no forward outcome for " + eventId + " within 30 s");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }
}
