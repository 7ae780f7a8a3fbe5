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

/** Every endpoint's documented shape, auth, pagination and rate limits, on a real container. */
abstract class RestApiContract extends RestApiSuite {

  // ---- health, request ids, routing errors ----

  @Test
  void healthIsPublicAndOk() {
    Client.Response r = api.get("/v1/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("ok");
    assertThat(r.header("X-Request-Id")).matches("req_[0-9a-f]{32}");
    assertThat(r.header("X-RateLimit-Limit")).isEqualTo("1000000");
    assertThat(r.header("X-RateLimit-Remaining")).matches("\\d+");
    assertThat(r.header("X-RateLimit-Reset")).matches("\\d+");
  }

  @Test
  void unknownRouteIsJson404AndWrongMethodIs405WithAllow() {
    assertError(api.get("/v1/nope", keyA), 404);
    assertError(api.get("/nope", null), 404);
    Client.Response r =
        api.send(
            "PUT", "/v1/sources", keyA, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertError(r, 405);
    assertThat(r.header("Allow")).contains("GET", "POST").doesNotContain("PUT");
    Client.Response templates = api.post("/v1/sources/templates", keyA, "{}");
    assertError(templates, 405);
    assertThat(templates.header("Allow")).contains("GET").doesNotContain("PATCH");
    Client.Response options = api.send("OPTIONS", "/v1/sources", keyA, null, null);
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.header("Allow")).contains("GET", "POST");
  }

  // ---- authentication ----

  @Test
  void missingOrInvalidKeyIs401() {
    assertError(api.get("/v1/sources", null), 401);
    Client.Response bad = api.get("/v1/sources", "hs_live_" + "0".repeat(64));
    assertError(bad, 401);
    assertThat(bad.json().path("error").asText()).contains("invalid");
    assertError(api.get("/v1/sources", "not-a-key"), 401);
  }

  @Test
  void bearerAliasAndSessionCookieAuthenticate() {
    String id = createSource(keyA, "{\"name\":\"Bearer Source\"}");
    Client.Response bearer =
        api.send(
            api.request("/v1/sources/" + id)
                .header("Authorization", "Bearer " + keyA)
                .GET()
                .build());
    assertThat(bearer.status()).isEqualTo(200);
    assertThat(bearer.json().path("id").asText()).isEqualTo(id);
    Client.Response session =
        api.send(
            api.request("/v1/sources/" + id)
                .header("Cookie", "theme=dark; " + Fixture.SESSION_COOKIE)
                .GET()
                .build());
    assertThat(session.status()).isEqualTo(200);
    Client.Response otherCookie =
        api.send(
            api.request("/v1/sources/" + id).header("Cookie", "hs_session=forged").GET().build());
    assertError(otherCookie, 401);
  }

  @Test
  void anotherOrganizationsResourcesAreNotFound() {
    String src = createSource(keyA, "{\"name\":\"Private Source\"}");
    String dst = createDestination(keyA, "http://127.0.0.1:9/a");
    String conn = createConnection(keyA, src, dst);
    String evt = ingest(src, "{\"secret\":true}");
    for (String path :
        List.of(
            "/v1/sources/" + src,
            "/v1/destinations/" + dst,
            "/v1/connections/" + conn,
            "/v1/events/" + evt)) {
      assertError(api.get(path, keyB), 404);
      assertError(
          api.delete(path.startsWith("/v1/events") ? path : path, keyB),
          path.startsWith("/v1/events") ? 405 : 404);
    }
    assertError(api.patch("/v1/sources/" + src, keyB, "{\"name\":\"x\"}"), 404);
    assertError(api.patch("/v1/destinations/" + dst, keyB, "{\"name\":\"x\"}"), 404);
    api.patch("/v1/destinations/" + dst, keyA, "{\"enabled\":false}");
    assertError(api.patch("/v1/destinations/" + dst, keyB, "{\"enabled\":true}"), 404);
    assertThat(api.get("/v1/destinations/" + dst, keyA).json().path("enabled").asBoolean())
        .as("another organization cannot re-enable it")
        .isFalse();
    assertError(api.patch("/v1/connections/" + conn, keyB, "{\"name\":\"x\"}"), 404);
    // org B cannot route org A's source to its own destination either
    String dstB = createDestination(keyB, "http://127.0.0.1:9/b");
    Client.Response r =
        api.post(
            "/v1/connections",
            keyB,
            "{\"source_id\":\"" + src + "\",\"destination_id\":\"" + dstB + "\"}");
    assertError(r, 422);
    assertThat(fieldNames(r)).containsExactly("source_id");
    assertThat(api.get("/v1/sources/" + src, keyA).status()).isEqualTo(200);
    assertThat(api.get("/v1/events?source_id=" + src, keyB).json().path("events").size()).isZero();

    String replay =
        postReplay(keyA, dst, clock.now().minusSeconds(60), clock.now(), "")
            .json()
            .path("job")
            .path("id")
            .asText();
    assertError(api.get("/v1/replay/" + replay, keyB), 404);
    assertError(api.post("/v1/replay/" + replay + "/cancel", keyB, "{}"), 404);
    assertThat(api.get("/v1/replay", keyB).json().path("jobs").findValuesAsText("id"))
        .doesNotContain(replay);
    assertThat(api.get("/v1/replay/" + replay, keyA).json().path("job").path("status").asText())
        .isEqualTo("running");
    Client.Response foreignReplay =
        postReplay(keyB, dst, clock.now().minusSeconds(60), clock.now(), "");
    assertError(foreignReplay, 422);
    assertThat(fieldNames(foreignReplay)).containsExactly("destination_id");
    Client.Response foreignRetry =
        api.post("/v1/events/retry", keyB, "{\"destination_id\":\"" + dst + "\"}");
    assertError(foreignRetry, 422);
    assertThat(fieldNames(foreignRetry)).containsExactly("destination_id");
  }

  // ---- API keys ----

  @Test
  void apiKeysCreateListRevoke() {
    Client.Response created =
        api.post("/v1/auth/api-keys", keyA, "{\"name\":\"Production Backend\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode k = created.json();
    assertThat(k.path("id").asText()).matches("ak_[0-9a-f]{32}");
    assertThat(k.path("name").asText()).isEqualTo("Production Backend");
    assertThat(k.path("key").asText()).matches("hs_live_[0-9a-f]{64}");
    assertThat(k.path("key_prefix").asText()).isEqualTo(k.path("key").asText().substring(0, 12));
    assertThat(k.has("scopes")).isTrue();
    assertThat(k.path("created_at").asText()).endsWith("Z");
    String newKey = k.path("key").asText();

    Client.Response test =
        api.post("/v1/auth/api-keys", keyA, "{\"name\":\"CI\",\"mode\":\"test\"}");
    assertThat(test.json().path("key").asText()).startsWith("hs_test_");

    Client.Response list = api.get("/v1/auth/api-keys", newKey);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("api_keys").size()).isGreaterThanOrEqualTo(3);
    list.json()
        .path("api_keys")
        .forEach(
            item -> {
              assertThat(item.has("key")).isFalse();
              assertThat(item.path("key_prefix").asText()).startsWith("hs_");
              assertThat(item.has("request_count")).isTrue();
              assertThat(item.path("revoked").isBoolean()).isTrue();
            });
    assertThat(list.json().has("has_more")).isTrue();

    assertError(api.delete("/v1/auth/api-keys/" + k.path("id").asText(), keyB), 404);
    Client.Response revoked = api.delete("/v1/auth/api-keys/" + k.path("id").asText(), keyA);
    assertThat(revoked.json().path("success").asBoolean()).isTrue();
    assertError(api.get("/v1/sources", newKey), 401);
    assertError(api.delete("/v1/auth/api-keys/" + k.path("id").asText(), keyA), 404);
    Client.Response missing = api.post("/v1/auth/api-keys", keyA, "{}");
    assertError(missing, 422);
    assertThat(fieldNames(missing)).contains("name");
  }

  // ---- sources ----

  @Test
  void sourceLifecycleWithUrlAndEventCount() {
    Client.Response created =
        api.post(
            "/v1/sources",
            keyA,
            """
        {"name":"Stripe Webhooks","slug":"stripe-webhooks","verification_type":"hmac-sha256",
         "verification_secret":"whsec_abc123def456ghi789","verification_header":"stripe-signature",
         "dedup_strategy":"payload_hash"}""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode s = created.json();
    String id = s.path("id").asText();
    assertThat(id).matches("src_[0-9a-f]{32}");
    assertThat(s.path("name").asText()).isEqualTo("Stripe Webhooks");
    assertThat(s.path("slug").asText()).isEqualTo("stripe-webhooks");
    assertThat(s.path("verification_type").asText()).isEqualTo("hmac_sha256");
    assertThat(s.path("verification_secret").asText()).isEqualTo("****i789");
    assertThat(s.path("dedup_strategy").asText()).isEqualTo("payload_hash");
    assertThat(s.path("dedup_window_seconds").asInt()).isEqualTo(300);
    assertThat(s.path("ip_allowlist").isNull()).isTrue();
    assertThat(s.path("url").asText()).endsWith("/v1/ingest/" + id);
    assertThat(s.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    Client.Response patched =
        api.patch(
            "/v1/sources/" + id,
            keyA,
            "{\"name\":\"Stripe Production Webhooks\",\"ip_allowlist\":\"54.187.174.169, 10.0.0.0/8\"}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().path("name").asText()).isEqualTo("Stripe Production Webhooks");
    assertThat(patched.json().path("verification_type").asText()).isEqualTo("hmac_sha256");
    assertThat(patched.json().path("ip_allowlist").toString())
        .isEqualTo("[\"54.187.174.169\",\"10.0.0.0/8\"]");

    Client.Response off =
        api.patch("/v1/sources/" + id, keyA, "{\"verification_type\":null,\"ip_allowlist\":[]}");
    assertThat(off.json().path("verification_type").isNull()).isTrue();
    assertThat(off.json().path("ip_allowlist").isNull()).isTrue();
    ingest(id, "{\"n\":1}");
    Client.Response got = api.get("/v1/sources/" + id, keyA);
    assertThat(got.json().path("event_count").asLong()).isEqualTo(1);
    assertThat(got.json().path("updated_at").asText()).endsWith("Z");

    Client.Response list = api.get("/v1/sources", keyA);
    assertThat(list.json().path("sources").findValuesAsText("id")).contains(id);
    assertThat(list.json().has("cursor")).isTrue();
    assertThat(list.json().path("has_more").isBoolean()).isTrue();

    assertThat(api.delete("/v1/sources/" + id, keyA).json().path("success").asBoolean()).isTrue();
    assertError(api.get("/v1/sources/" + id, keyA), 404);
    assertError(api.delete("/v1/sources/" + id, keyA), 404);
  }

  @Test
  void destinationSecretsAreMaskedInEveryReadAndAMaskedValueSentBackKeepsThem() {
    Client.Response created =
        api.post(
            "/v1/destinations",
            keyA,
            """
        {"name":"Signed","url":"https://example.com/hooks",
         "headers":{"Authorization":"Bearer tok_live_5e6f7a8b9c0d","X-Team":"ops"},
         "signing_config":{"secret":"sign_secret_1a2b3c4d","algorithm":"sha256"}}""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    for (JsonNode read :
        List.of(
            created.json(),
            api.get("/v1/destinations/" + id, keyA).json(),
            api.get("/v1/destinations", keyA).json())) {
      assertThat(read.toString())
          .doesNotContain("tok_live", "sign_secret")
          .contains("****9c0d", "****3c4d", "ops");
    }

    JsonNode read = api.get("/v1/destinations/" + id, keyA).json();
    Client.Response patched =
        api.patch(
            "/v1/destinations/" + id,
            keyA,
            "{\"name\":\"Renamed\","
                + "\"config\":"
                + read.path("config")
                + ",\"signing_config\":"
                + read.path("signing_config")
                + "}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(fx.engine.destinations().revealConfig(fx.a.scope(), id).toString())
        .contains("Bearer tok_live_5e6f7a8b9c0d", "sign_secret_1a2b3c4d");
  }

  @Test
  void sourceFromTemplateSchemaAndValidationErrors() {
    Client.Response t =
        api.post(
            "/v1/sources",
            keyA,
            "{\"name\":\"GitHub\",\"template\":\"github\",\"verification_secret\":\"gh-secret-123\"}");
    assertThat(t.status()).as(t.toString()).isEqualTo(201);
    assertThat(t.json().path("template").asText()).isEqualTo("github");
    assertThat(t.json().path("verification_type").asText()).isEqualTo("hmac_sha256");
    assertThat(t.json().path("verification_header").asText()).isEqualTo("X-Hub-Signature-256");

    Client.Response schema =
        api.post(
            "/v1/sources",
            keyA,
            """
        {"name":"Schema","schema_validation_enabled":true,"schema_action":"reject",
         "json_schema":{"type":"object","required":["type"]}}""");
    assertThat(schema.status()).as(schema.toString()).isEqualTo(201);
    assertThat(schema.json().path("json_schema").path("required").get(0).asText())
        .isEqualTo("type");
    assertThat(schema.json().path("schema_validation_enabled").asBoolean()).isTrue();

    Client.Response bad =
        api.post(
            "/v1/sources",
            keyA,
            "{\"name\":\"\",\"template\":\"nope\",\"dedup_strategy\":\"magic\"}");
    assertError(bad, 422);
    assertThat(fieldNames(bad)).contains("name", "template", "dedup_strategy");

    Client.Response types =
        api.post(
            "/v1/sources",
            keyA,
            "{\"name\":42,\"dedup_window_seconds\":\"300\",\"ip_allowlist\":{\"a\":1}}");
    assertError(types, 422);
    assertThat(fieldNames(types))
        .containsExactlyInAnyOrder("name", "dedup_window_seconds", "ip_allowlist");
    assertThat(types.json().path("fields").get(0).path("message").asText()).contains("must be");

    Client.Response templates = api.get("/v1/sources/templates", keyA);
    assertThat(templates.json().path("templates").size()).isEqualTo(15);
    assertThat(templates.json().path("templates").findValuesAsText("id"))
        .contains(
            "stripe",
            "shopify",
            "github",
            "slack",
            "twilio",
            "sendgrid",
            "intercom",
            "linear",
            "clerk",
            "svix",
            "paddle",
            "resend",
            "postmark",
            "typeform",
            "custom");
    JsonNode stripe = templates.json().path("templates").get(0);
    assertThat(stripe.path("name").asText()).isEqualTo("Stripe");
    assertThat(stripe.path("description").asText()).isNotBlank();
  }

  // ---- destinations ----

  @Test
  void destinationShapesAndLifecycle() {
    Client.Response top =
        api.post(
            "/v1/destinations",
            keyA,
            """
        {"name":"Backend API","slug":"backend-api","type":"http",
         "url":"https://api.example.com/webhooks","headers":{"X-Custom":"value"},
         "retry_max_attempts":5,"retry_backoff_type":"exponential",
         "retry_intervals":[30,300,1800,7200,86400]}""");
    assertThat(top.status()).as(top.toString()).isEqualTo(201);
    JsonNode d = top.json();
    assertThat(d.path("id").asText()).matches("dst_[0-9a-f]{32}");
    assertThat(d.path("type").asText()).isEqualTo("http");
    assertThat(d.path("url").asText()).isEqualTo("https://api.example.com/webhooks");
    assertThat(d.path("retry_intervals").toString()).isEqualTo("[30,300,1800,7200,86400]");
    assertThat(d.path("config").path("headers").path("X-Custom").asText()).isEqualTo("value");

    Client.Response nested =
        api.post(
            "/v1/destinations",
            keyA,
            """
        {"name":"My API","type":"webhook","config":{"url":"https://api.example.com/webhook",
         "method":"PUT","timeout":10},
         "signing_config":{"secret":"your_secret_here_123456","algorithm":"sha256"}}""");
    assertThat(nested.status()).as(nested.toString()).isEqualTo(201);
    assertThat(nested.json().path("type").asText()).isEqualTo("http");
    assertThat(nested.json().path("method").asText()).isEqualTo("PUT");
    assertThat(nested.json().path("retry_max_attempts").asInt()).isEqualTo(5);
    assertThat(nested.json().path("retry_backoff_type").asText()).isEqualTo("exponential");
    assertThat(nested.json().path("signing_config").path("algorithm").asText()).isEqualTo("sha256");
    assertThat(nested.json().toString()).doesNotContain("your_secret_here_123456");

    Client.Response provider =
        api.post(
            "/v1/destinations",
            keyA,
            """
        {"name":"Provider Config","url":"https://api.example.com/p",
         "provider_config":{"timeout":5}}""");
    assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
    assertThat(provider.json().path("config").path("timeout").asInt()).isEqualTo(5);

    String id = d.path("id").asText();
    Client.Response patched =
        api.patch(
            "/v1/destinations/" + id,
            keyA,
            "{\"name\":\"Backend API v2\",\"retry_max_attempts\":10}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().path("name").asText()).isEqualTo("Backend API v2");
    assertThat(patched.json().path("retry_max_attempts").asInt()).isEqualTo(10);
    assertThat(patched.json().path("url").asText()).isEqualTo("https://api.example.com/webhooks");

    Client.Response sqs =
        api.post(
            "/v1/destinations",
            keyA,
            "{\"name\":\"Queue\",\"type\":\"sqs\",\"config\":{\"queue_url\":\"x\"}}");
    assertError(sqs, 422);
    assertThat(fieldNames(sqs)).contains("type");
    assertThat(sqs.json().path("error").asText()).contains("aws_sqs");

    Client.Response invalid =
        api.post(
            "/v1/destinations",
            keyA,
            "{\"name\":\"Bad\",\"url\":\"https://x.example\",\"retry_max_attempts\":11,"
                + "\"retry_intervals\":[30,\"x\"],\"headers\":{\"A\":1}}");
    assertError(invalid, 422);
    assertThat(fieldNames(invalid)).contains("retry_intervals.1", "headers.A");

    assertThat(api.get("/v1/destinations", keyA).json().path("destinations").findValuesAsText("id"))
        .contains(id);
    assertThat(api.get("/v1/destinations/" + id, keyA).json().path("name").asText())
        .isEqualTo("Backend API v2");
    assertThat(api.delete("/v1/destinations/" + id, keyA).json().path("success").asBoolean())
        .isTrue();
    assertError(api.get("/v1/destinations/" + id, keyA), 404);

    Client.Response templates = api.get("/v1/destinations/templates", keyA);
    assertThat(templates.json().path("templates").findValuesAsText("id"))
        .containsExactly("slack", "discord", "pagerduty", "datadog", "zapier", "linear");
    templates
        .json()
        .path("templates")
        .forEach(
            t -> {
              assertThat(t.path("type").asText()).isEqualTo("http");
              assertThat(t.path("config_template").has("url")).isTrue();
            });
  }

  @Test
  void aDestinationGoneWith410IsReEnabledOverRestAndDeliversItsParkedTasksInOrder() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      receiver.enqueue(ScriptedResponse.status(410));
      String src = createSource(keyA, "{\"name\":\"Gone Source\"}");
      Client.Response created =
          api.post(
              "/v1/destinations",
              keyA,
              "{\"name\":\"Gone\",\"url\":\"" + receiver.url("hook") + "\",\"ordered\":true}");
      assertThat(created.json().path("enabled").asBoolean()).isTrue();
      assertThat(created.json().path("disabled_reason").isNull()).isTrue();
      String dst = created.json().path("id").asText();
      createConnection(keyA, src, dst);
      String first = ingest(src, "{\"n\":1}");
      JsonNode off = await("/v1/destinations/" + dst, d -> d.path("disabled").asBoolean());
      assertThat(off.path("enabled").asBoolean()).isFalse();
      assertThat(off.path("disabled_reason").asText()).startsWith("endpoint_gone");

      List<String> parked =
          List.of(ingest(src, "{\"n\":2}"), ingest(src, "{\"n\":3}"), ingest(src, "{\"n\":4}"));
      for (String evt : parked) {
        await("/v1/events/" + evt, e -> e.path("status").asText().equals("processing"));
      }
      clock.advance(Duration.ofHours(1));
      fx.engine.runDueDeliveries();
      assertThat(receiver.requests()).hasSize(1);

      Client.Response notBoolean =
          api.patch("/v1/destinations/" + dst, keyA, "{\"enabled\":\"yes\"}");
      assertError(notBoolean, 422);
      assertThat(fieldNames(notBoolean)).containsExactly("enabled");
      Client.Response on = api.patch("/v1/destinations/" + dst, keyA, "{\"enabled\":true}");
      assertThat(on.status()).as(on.toString()).isEqualTo(200);
      assertThat(on.json().path("enabled").asBoolean()).isTrue();
      assertThat(on.json().path("disabled").asBoolean()).isFalse();
      assertThat(on.json().path("disabled_reason").isNull()).isTrue();

      await("/v1/events/" + parked.get(2), e -> e.path("status").asText().equals("delivered"));
      List<String> delivered =
          receiver.requests().stream().map(r -> r.header("X-hookstream-Event-Id")).toList();
      assertThat(delivered).containsExactly(first, parked.get(0), parked.get(1), parked.get(2));
    }
  }

  @Test
  void aDestinationCreatedDisabledDeliversNothingUntilEnabled() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      String src = createSource(keyA, "{\"name\":\"Paused Source\"}");
      Client.Response created =
          api.post(
              "/v1/destinations",
              keyA,
              "{\"name\":\"Paused\","
                  + "\"url\":\""
                  + receiver.url("hook")
                  + "\",\"enabled\":false}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(created.json().path("enabled").asBoolean()).isFalse();
      assertThat(created.json().path("disabled_reason").asText()).startsWith("disabled_by_user");
      String dst = created.json().path("id").asText();
      createConnection(keyA, src, dst);
      String evt = ingest(src, "{\"n\":1}");
      await("/v1/events/" + evt, e -> e.path("status").asText().equals("processing"));
      fx.engine.runDueDeliveries();
      assertThat(receiver.requests()).isEmpty();
      Client.Response renamed =
          api.patch("/v1/destinations/" + dst, keyA, "{\"name\":\"Still Paused\"}");
      assertThat(renamed.json().path("enabled").asBoolean()).isFalse();

      api.patch("/v1/destinations/" + dst, keyA, "{\"enabled\":true}");
      await("/v1/events/" + evt, e -> e.path("status").asText().equals("delivered"));
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  // ---- connections ----

  @Test
  void connectionLifecycleWithNamesAndCanonicalRules() {
    String src = createSource(keyA, "{\"name\":\"Conn Source\"}");
    String dst = createDestination(keyA, "https://api.example.com/c");
    Client.Response created =
        api.post(
            "/v1/connections",
            keyA,
            "{\"source_id\":\""
                + src
                + "\",\"destination_id\":\""
                + dst
                + "\",\"name\":\"Stripe to Backend\","
                + "\"filter_rules\":[{\"field\":\"payload.type\",\"operator\":\"eq\","
                + "\"value\":\"order.created\"}],\"transform_enabled\":true,"
                + "\"transform_expression\":\"{ \\\"orderId\\\": data.id }\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode c = created.json();
    String id = c.path("id").asText();
    assertThat(id).matches("conn_[0-9a-f]{32}");
    assertThat(c.path("source_name").asText()).isEqualTo("Conn Source");
    assertThat(c.path("destination_name").asText()).startsWith("Backend");
    assertThat(c.path("filter_rules").get(0).path("op").asText()).isEqualTo("eq");
    assertThat(c.path("filter_rules").get(0).has("operator")).isFalse();
    assertThat(c.path("transform_enabled").asBoolean()).isTrue();

    Client.Response patched =
        api.patch(
            "/v1/connections/" + id,
            keyA,
            """
        {"filter_rules":[{"field":"payload.type","op":"eq","value":"order.created"},
                         {"field":"payload.data.amount","op":"gt","value":1000}]}""");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().path("filter_rules").size()).isEqualTo(2);
    assertThat(patched.json().path("transform_expression").asText()).contains("orderId");

    Client.Response badRule =
        api.patch(
            "/v1/connections/" + id,
            keyA,
            "{\"filter_rules\":[{\"field\":\"payload.type\",\"op\":\"resembles\",\"value\":1}]}");
    assertError(badRule, 422);
    assertThat(fieldNames(badRule)).contains("filter_rules.0.op");
    Client.Response notArray =
        api.patch("/v1/connections/" + id, keyA, "{\"filter_rules\":{\"field\":\"x\"}}");
    assertError(notArray, 422);
    assertThat(fieldNames(notArray)).containsExactly("filter_rules");

    Client.Response bySource = api.get("/v1/connections?source_id=" + src, keyA);
    assertThat(bySource.json().path("connections").findValuesAsText("id")).containsExactly(id);
    assertError(api.get("/v1/connections?source_id=nope", keyA), 400);
    assertThat(api.get("/v1/connections/" + id, keyA).json().path("updated_at").asText())
        .endsWith("Z");
    assertThat(api.delete("/v1/connections/" + id, keyA).status()).isEqualTo(200);
    assertError(api.get("/v1/connections/" + id, keyA), 404);

    Client.Response missing = api.post("/v1/connections", keyA, "{}");
    assertError(missing, 422);
    assertThat(fieldNames(missing)).contains("source_id", "destination_id");
  }

  @Test
  void connectionOrderingKeyIsWrittenReadCheckedAndCleared() {
    String src = createSource(keyA, "{\"name\":\"Keyed Source\"}");
    String dst = createDestination(keyA, "https://api.example.com/k");
    Client.Response created =
        api.post(
            "/v1/connections",
            keyA,
            "{\"source_id\":\""
                + src
                + "\",\"destination_id\":\""
                + dst
                + "\",\"ordering_key\":\"payload.customer_id\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("ordering_key").asText()).isEqualTo("payload.customer_id");
    String path = "/v1/connections/" + created.json().path("id").asText();
    assertThat(api.get(path, keyA).json().path("ordering_key").asText())
        .isEqualTo("payload.customer_id");

    Client.Response badPath = api.patch(path, keyA, "{\"ordering_key\":\"payload..id\"}");
    assertError(badPath, 422);
    assertThat(fieldNames(badPath)).containsExactly("ordering_key");
    Client.Response notText = api.patch(path, keyA, "{\"ordering_key\":7}");
    assertError(notText, 422);
    assertThat(fieldNames(notText)).containsExactly("ordering_key");

    Client.Response header = api.patch(path, keyA, "{\"ordering_key\":\"headers.x-shop\"}");
    assertThat(header.json().path("ordering_key").asText()).isEqualTo("headers.x-shop");
    Client.Response cleared = api.patch(path, keyA, "{\"ordering_key\":null}");
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.json().path("ordering_key").isNull()).isTrue();
    assertThat(api.get(path, keyA).json().path("ordering_key").isNull()).isTrue();
  }

  // ---- ingest and events ----

  @Test
  void ingestKeepsTheRequestByteForByte() {
    String src = createSource(keyA, "{\"name\":\"Raw Source\"}");
    byte[] binary = new byte[300];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7);
    }
    Client.Response r =
        api.send(
            api.request("/v1/ingest/" + src + "?a=1&b=two%20words")
                .header("Content-Type", "application/octet-stream")
                .header("X-Custom", "kept")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(binary))
                .build());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("source_id").asText()).isEqualTo(src);
    assertThat(r.json().has("duplicate")).isFalse();
    String evt = r.json().path("event_id").asText();
    assertThat(evt).matches("evt_[0-9a-f]{32}");

    JsonNode e = api.get("/v1/events/" + evt, keyA).json();
    assertThat(e.path("method").asText()).isEqualTo("PUT");
    assertThat(e.path("body_encoding").asText()).isEqualTo("base64");
    assertThat(java.util.Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(binary);
    assertThat(e.path("headers").path("x-custom").asText()).isEqualTo("kept");
    assertThat(e.path("query").path("b").asText()).isEqualTo("two words");
    assertThat(e.path("source_ip").asText()).isEqualTo("127.0.0.1");

    String form = "To=%2B15551234567&Body=Hello+there";
    Client.Response f =
        api.send(
            "POST",
            "/v1/ingest/" + src,
            null,
            "application/x-www-form-urlencoded",
            form.getBytes(StandardCharsets.US_ASCII));
    JsonNode fe = api.get("/v1/events/" + f.json().path("event_id").asText(), keyA).json();
    assertThat(fe.path("body").asText()).isEqualTo(form);
    assertThat(fe.path("body_encoding").asText()).isEqualTo("text");

    Client.Response get = api.get("/v1/ingest/" + src + "?ping=1", null);
    assertThat(get.status()).isEqualTo(200);
    Client.Response del = api.delete("/v1/ingest/" + src, null);
    assertThat(del.status()).isEqualTo(200);
  }

  @Test
  void ingestErrorsAndDuplicates() {
    assertError(api.post("/v1/ingest/src_" + "0".repeat(32), null, "{}"), 404);
    assertError(api.post("/v1/ingest/not-a-source", null, "{}"), 404);
    String src = createSource(keyA, "{\"name\":\"Limits Source\"}");
    byte[] big = new byte[Fixture.MAX_BODY_BYTES + 1];
    Client.Response tooBig = api.send("POST", "/v1/ingest/" + src, null, "text/plain", big);
    assertError(tooBig, 413);
    Client.Response atLimit =
        api.send("POST", "/v1/ingest/" + src, null, "text/plain", new byte[Fixture.MAX_BODY_BYTES]);
    assertThat(atLimit.status()).isEqualTo(200);

    String deduped =
        createSource(keyA, "{\"name\":\"Deduped\",\"dedup_strategy\":" + "\"payload_hash\"}");
    String original = ingest(deduped, "{\"id\":\"dup\"}");
    Client.Response dup = api.post("/v1/ingest/" + deduped, null, "{\"id\":\"dup\"}");
    assertThat(dup.status()).isEqualTo(200);
    assertThat(dup.json().path("event_id").asText()).isEqualTo(original);
    assertThat(dup.json().path("duplicate").asBoolean()).isTrue();
    assertThat(dup.json().path("source_id").asText()).isEqualTo(deduped);

    String signed =
        createSource(
            keyA,
            "{\"name\":\"Signed\",\"verification_type\":"
                + "\"hmac_sha256\",\"verification_secret\":\"0123456789abcdef0123\"}");
    Client.Response unsigned = api.post("/v1/ingest/" + signed, null, "{\"a\":1}");
    assertError(unsigned, 401);

    String denied = createSource(keyA, "{\"name\":\"Denied\",\"ip_denylist\":\"127.0.0.1\"}");
    assertError(api.post("/v1/ingest/" + denied, null, "{}"), 403);
    String schema =
        createSource(
            keyA,
            "{\"name\":\"Schema Reject\",\"schema_validation_enabled\""
                + ":true,\"json_schema\":{\"type\":\"object\",\"required\":[\"type\"]}}");
    Client.Response invalid = api.post("/v1/ingest/" + schema, null, "{\"data\":1}");
    assertError(invalid, 422);
    assertThat(invalid.json().path("validation_errors").isArray()).as(invalid.toString()).isTrue();
  }

  @Test
  void eventsListFiltersAndDetail() {
    String src = createSource(keyA, "{\"name\":\"Events Source\"}");
    String other = createSource(keyA, "{\"name\":\"Other Source\"}");
    String first = ingest(src, "{\"type\":\"invoice.paid\",\"data\":{\"amount_paid\":4999}}");
    clock.advance(Duration.ofSeconds(1));
    String middle = ingest(other, "{\"type\":\"other\"}");
    clock.advance(Duration.ofSeconds(1));
    String last = ingest(src, "{\"type\":\"needle-in-haystack\"}");

    Client.Response list = api.get("/v1/events?source_id=" + src, keyA);
    assertThat(list.status()).isEqualTo(200);
    JsonNode events = list.json().path("events");
    assertThat(events.findValuesAsText("id")).containsExactly(last, first);
    JsonNode item = events.get(0);
    assertThat(item.path("source_name").asText()).isEqualTo("Events Source");
    assertThat(item.path("method").asText()).isEqualTo("POST");
    assertThat(item.path("content_type").asText()).isEqualTo("application/json");
    assertThat(item.path("status").asText()).isIn("received", "processing", "delivered");
    assertThat(item.path("received_at").asText()).endsWith("Z");
    JsonNode pagination = list.json().path("pagination");
    assertThat(pagination.path("limit").asInt()).isEqualTo(50);
    assertThat(pagination.path("has_more").asBoolean()).isFalse();
    assertThat(pagination.path("next_cursor").isNull()).isTrue();

    assertThat(
            api.get("/v1/events?search=needle-in", keyA)
                .json()
                .path("events")
                .findValuesAsText("id"))
        .containsExactly(last);
    JsonNode middleEvent = api.get("/v1/events/" + middle, keyA).json();
    String at = middleEvent.path("received_at").asText();
    assertThat(
            api.get("/v1/events?source_id=" + other + "&after=" + at, keyA)
                .json()
                .path("events")
                .findValuesAsText("id"))
        .containsExactly(middle);
    assertThat(
            api.get("/v1/events?source_id=" + other + "&before=" + at, keyA)
                .json()
                .path("events")
                .size())
        .isZero();
    assertThat(api.get("/v1/events?status=received&source_id=" + other, keyA).status())
        .isEqualTo(200);
    assertError(api.get("/v1/events?status=bogus", keyA), 400);
    Client.Response badDate = api.get("/v1/events?after=yesterday", keyA);
    assertError(badDate, 400);
    assertThat(fieldNames(badDate)).containsExactly("after");

    JsonNode detail = api.get("/v1/events/" + first, keyA).json();
    assertThat(detail.path("body").path("data").path("amount_paid").asInt()).isEqualTo(4999);
    assertThat(detail.path("headers").path("content-type").asText()).isEqualTo("application/json");
    assertThat(detail.path("source_id").asText()).isEqualTo(src);
    assertError(api.get("/v1/events/evt_" + "f".repeat(32), keyA), 404);
  }

  // ---- deliveries, retries, circuit, issues ----

  @Test
  void failedDeliveriesShowAsAttemptsCircuitAndIssues() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      receiver.respondWith(ScriptedResponse.status(503).withBody("{\"down\":true}"));
      String src = createSource(keyA, "{\"name\":\"Delivery Source\"}");
      Client.Response dst =
          api.post(
              "/v1/destinations",
              keyA,
              "{\"name\":\"Flaky\",\"url\":\""
                  + receiver.url("hook")
                  + "\",\"retry_max_attempts\":1,\"retry_intervals\":[30]}");
      String dstId = dst.json().path("id").asText();
      String conn = createConnection(keyA, src, dstId);
      String evt = ingest(src, "{\"order\":42}");

      JsonNode first = awaitAttempts("/v1/delivery-attempts?event_id=" + evt, 1);
      JsonNode a = first.path("delivery_attempts").get(0);
      assertThat(a.path("id").asText()).matches("da_[0-9a-f]{32}");
      assertThat(a.path("event_id").asText()).isEqualTo(evt);
      assertThat(a.path("connection_id").asText()).isEqualTo(conn);
      assertThat(a.path("destination_id").asText()).isEqualTo(dstId);
      assertThat(a.path("destination_name").asText()).isEqualTo("Flaky");
      assertThat(a.path("status").asText()).isEqualTo("failed");
      assertThat(a.path("status_code").asInt()).isEqualTo(503);
      assertThat(a.path("is_dlq").asBoolean()).isFalse();
      assertThat(a.path("next_retry_at").asText()).endsWith("Z");
      assertThat(first.path("pagination").path("limit").asInt()).isEqualTo(50);

      clock.advance(Duration.ofSeconds(31));
      JsonNode both = awaitAttempts("/v1/delivery-attempts?event_id=" + evt, 2);
      String dlqId = both.path("delivery_attempts").get(0).path("id").asText();
      JsonNode dlq =
          api.get("/v1/delivery-attempts?is_dlq=1&destination_id=" + dstId, keyA)
              .json()
              .path("delivery_attempts");
      assertThat(dlq.findValuesAsText("id")).containsExactly(dlqId);

      JsonNode detail = api.get("/v1/delivery-attempts/" + dlqId, keyA).json();
      assertThat(detail.path("response_body").asText()).contains("down");
      assertThat(detail.path("attempt_number").asInt()).isEqualTo(2);
      assertThat(detail.path("is_dlq").asBoolean()).isTrue();
      assertThat(detail.has("request_headers")).isTrue();
      assertError(api.get("/v1/delivery-attempts/" + dlqId, keyB), 404);

      // The event's status follows its deliveries' settlement, a moment after the attempt.
      JsonNode event = await("/v1/events/" + evt, e -> e.path("status").asText().equals("failed"));
      assertThat(event.path("delivery_attempts").size()).isEqualTo(2);

      JsonNode circuit =
          await(
              "/v1/destinations/" + dstId + "/circuit", c -> c.path("failure_count").asInt() == 2);
      assertThat(circuit.path("destination_id").asText()).isEqualTo(dstId);
      assertThat(circuit.path("failure_count").asInt()).isEqualTo(2);
      assertThat(circuit.path("state").asText()).isEqualTo("closed");
      assertThat(circuit.has("opened_at")).isTrue();
      // Each 503 halved this engine's limit for the destination: 10, 5, 2.
      assertThat(circuit.path("concurrency_limit").asInt()).isEqualTo(2);
      assertError(api.get("/v1/destinations/" + dstId + "/circuit", keyB), 404);
      JsonNode reset = api.post("/v1/destinations/" + dstId + "/circuit/reset", keyA, "{}").json();
      assertThat(reset.path("state").asText()).isEqualTo("closed");
      assertThat(reset.path("failure_count").asInt()).isZero();

      JsonNode issues =
          await("/v1/issues?destination_id=" + dstId, i -> i.path("issues").size() == 1);
      assertThat(issues.path("issues").size()).isEqualTo(1);
      JsonNode issue = issues.path("issues").get(0);
      String issueId = issue.path("id").asText();
      assertThat(issueId).matches("iss_[0-9a-f]{32}");
      assertThat(issue.path("status").asText()).isEqualTo("open");
      assertThat(issue.path("destination_name").asText()).isEqualTo("Flaky");
      assertThat(issue.path("error_type").asText()).isEqualTo("http_5xx");
      assertThat(issue.path("recent_attempt_ids").size()).isPositive();
      assertThat(issues.path("pagination").has("has_more")).isTrue();
      assertThat(api.get("/v1/issues/summary", keyA).json().path("open").asLong()).isPositive();
      assertError(api.get("/v1/issues/" + issueId, keyB), 404);

      receiver.respondWith(ScriptedResponse.ok());
      JsonNode retried = api.post("/v1/issues/" + issueId + "/retry", keyA, "{}").json();
      assertThat(retried.path("retried").asInt()).isEqualTo(1);
      assertThat(retried.path("total").asInt()).isEqualTo(1);
      awaitAttempts("/v1/delivery-attempts?event_id=" + evt + "&status=success", 1);

      JsonNode eventRetry = api.post("/v1/events/" + evt + "/retry", keyA, "{}").json();
      assertThat(eventRetry.path("retried").get(0).path("destination_id").asText())
          .isEqualTo(dstId);
      assertThat(eventRetry.path("retried").get(0).path("status").asText())
          .isIn("queued", "in_flight");
      assertThat(eventRetry.path("errors").size()).isZero();
      awaitAttempts("/v1/delivery-attempts?event_id=" + evt + "&status=success", 2);

      JsonNode attemptRetry =
          api.post("/v1/delivery-attempts/" + dlqId + "/retry", keyA, "{}")
              .json()
              .path("delivery_attempt");
      assertThat(attemptRetry.path("id").asText()).isEqualTo(dlqId);
      assertThat(attemptRetry.path("event_id").asText()).isEqualTo(evt);
      assertThat(attemptRetry.path("status").asText()).isEqualTo("pending");

      Client.Response ack =
          api.patch(
              "/v1/issues/" + issueId,
              keyA,
              "{\"status\":\"acknowledged\",\"snoozed_until\":\"2030-01-01T00:00:00Z\"}");
      assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
      assertThat(ack.json().path("status").asText()).isEqualTo("acknowledged");
      assertThat(ack.json().path("snoozed_until").asText()).startsWith("2030-01-01");
      JsonNode resolved =
          api.patch("/v1/issues/" + issueId, keyA, "{\"status\":\"resolved\"}").json();
      assertThat(resolved.path("resolved_at").asText()).endsWith("Z");
      assertThat(
              api.get("/v1/issues?status=resolved", keyA)
                  .json()
                  .path("issues")
                  .findValuesAsText("id"))
          .contains(issueId);
      Client.Response badStatus =
          api.patch("/v1/issues/" + issueId, keyA, "{\"status\":\"closed\"}");
      assertError(badStatus, 422);
      assertThat(fieldNames(badStatus)).containsExactly("status");
      assertError(api.get("/v1/issues?status=closed", keyA), 400);
      assertError(api.get("/v1/delivery-attempts?is_dlq=maybe", keyA), 400);
    }
  }

  /** Runs due deliveries until the list at {@code path} has {@code count} items (10 s bound). */
  private JsonNode awaitAttempts(String path, int count) {
    return await(path, body -> body.path("delivery_attempts").size() >= count);
  }

  // ---- replay and bulk retry ----

  @Test
  void aReplayResendsItsWindowPacedByTheEngineClockAndReportsItsProgress() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      String src = createSource(keyA, "{\"name\":\"Replayed Source\"}");
      createConnection(keyA, src, createDestination(keyA, receiver.url("live")));
      String target = createDestination(keyA, receiver.url("target"));
      String from = clock.now().toString();
      List<String> events =
          List.of(ingest(src, "{\"n\":1}"), ingest(src, "{\"n\":2}"), ingest(src, "{\"n\":3}"));

      Client.Response created =
          postReplay(
              keyA, target, from, clock.now(), ",\"source_id\":\"" + src + "\",\"rate_limit\":2");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      JsonNode job = created.json().path("job");
      String id = job.path("id").asText();
      assertThat(id).matches("rpl_[0-9a-f]{32}");
      assertThat(job.path("kind").asText()).isEqualTo("replay");
      assertThat(job.path("status").asText()).isEqualTo("running");
      assertThat(job.path("total").asInt()).isEqualTo(3);
      assertThat(job.path("rate_limit").asInt()).isEqualTo(2);
      assertThat(job.path("max_events").asInt()).isEqualTo(1000);

      for (int second = 0; second < 3; second++) {
        clock.advance(Duration.ofSeconds(1));
        fx.engine.runDueJobs();
        await("/v1/replay/" + id, j -> true);
        awaitReplayed(receiver, Math.min(2 * (second + 1), 3));
        if (second == 0) { // the two oldest first (delivered concurrently, so in either order)
          assertThat(replayed(receiver).stream().map(r -> r.header("X-hookstream-Event-Id")))
              .containsExactlyInAnyOrderElementsOf(events.subList(0, 2));
        }
      }
      JsonNode done = awaitCompleted(id);
      assertThat(done.path("processed").asInt()).isEqualTo(3);
      assertThat(done.path("succeeded").asInt()).isEqualTo(3);
      assertThat(done.path("failed").asInt()).isZero();
      assertThat(done.path("completed_at").asText()).endsWith("Z");
      List<RecordedRequest> replayed = replayed(receiver);
      assertThat(replayed.stream().map(r -> r.header("X-hookstream-Event-Id")))
          .containsExactlyInAnyOrderElementsOf(events);
      assertThat(replayed)
          .allSatisfy(r -> assertThat(r.header("X-hookstream-Replay-Id")).isEqualTo(id));

      assertThat(api.get("/v1/replay", keyA).json().path("jobs").findValuesAsText("id"))
          .contains(id);
      assertError(api.post("/v1/replay/" + id + "/cancel", keyA, "{}"), 409);
    }
  }

  @Test
  void aReplayCanBeCancelledAndItsBadInputIsNamed() {
    String target = createDestination(keyA, "http://127.0.0.1:9/target");
    Instant from = clock.now().minusSeconds(60);
    Client.Response created = postReplay(keyA, target, from, clock.now(), "");
    String id = created.json().path("job").path("id").asText();
    JsonNode cancelled = api.post("/v1/replay/" + id + "/cancel", keyA, "{}").json().path("job");
    assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
    assertThat(api.get("/v1/replay/" + id, keyA).json().path("job").path("status").asText())
        .isEqualTo("cancelled");

    Client.Response empty = api.post("/v1/replay", keyA, "{}");
    assertError(empty, 422);
    assertThat(fieldNames(empty)).containsExactlyInAnyOrder("destination_id", "from", "to");
    Client.Response reversed =
        postReplay(keyA, target, clock.now(), clock.now().minusSeconds(1), "");
    assertError(reversed, 422);
    assertThat(fieldNames(reversed)).containsExactly("from");
    for (String limit : List.of("0", "101")) {
      Client.Response r = postReplay(keyA, target, from, clock.now(), ",\"rate_limit\":" + limit);
      assertError(r, 422);
      assertThat(fieldNames(r)).containsExactly("rate_limit");
    }
    Client.Response old = postReplay(keyA, target, "2020-01-01T00:00:00Z", clock.now(), "");
    assertError(old, 422);
    assertThat(fieldNames(old)).containsExactly("from");
    Client.Response badDate = postReplay(keyA, target, "yesterday", "now", "");
    assertError(badDate, 422);
    assertThat(fieldNames(badDate)).containsExactlyInAnyOrder("from", "to");
  }

  @Test
  void aBulkRetryResendsEverythingThatFailedWhileTheEndpointWasDown() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      receiver.respondWith(ScriptedResponse.status(503));
      String src = createSource(keyA, "{\"name\":\"Outage Source\"}");
      String dst =
          api.post(
                  "/v1/destinations",
                  keyA,
                  "{\"name\":\"Down for a while\",\"url\":\""
                      + receiver.url("hook")
                      + "\",\"retry_max_attempts\":1,\"retry_intervals\":[30]}")
              .json()
              .path("id")
              .asText();
      createConnection(keyA, src, dst);
      String from = clock.now().toString();
      List<String> events = List.of(ingest(src, "{\"n\":1}"), ingest(src, "{\"n\":2}"));
      for (String evt : events) {
        awaitAttempts("/v1/delivery-attempts?event_id=" + evt, 1);
      }
      clock.advance(Duration.ofSeconds(31));
      for (String evt : events) {
        await("/v1/events/" + evt, e -> e.path("status").asText().equals("failed"));
      }
      receiver.respondWith(ScriptedResponse.ok()); // the endpoint is back

      Client.Response created =
          api.post(
              "/v1/events/retry",
              keyA,
              "{\"status\":\"failed\",\"destination_id\":\""
                  + dst
                  + "\",\"from\":\""
                  + from
                  + "\",\"to\":\""
                  + clock.now()
                  + "\"}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      JsonNode job = created.json().path("job");
      assertThat(job.path("kind").asText()).isEqualTo("retry");
      assertThat(job.path("total").asInt()).isEqualTo(2);
      String id = job.path("id").asText();

      clock.advance(Duration.ofSeconds(1));
      fx.engine.runDueJobs();
      for (String evt : events) {
        await("/v1/events/" + evt, e -> e.path("status").asText().equals("delivered"));
      }
      JsonNode done = awaitCompleted(id);
      assertThat(done.path("succeeded").asInt()).isEqualTo(2);
      assertThat(done.path("skipped").asInt()).isZero();
      assertThat(done.path("event_status").asText()).isEqualTo("failed");

      Client.Response badStatus = api.post("/v1/events/retry", keyA, "{\"status\":\"delivered\"}");
      assertError(badStatus, 422);
      assertThat(fieldNames(badStatus)).containsExactly("status");
    }
  }

  /** Steps the job a second of engine clock at a time until it completes; returns it. */
  private JsonNode awaitCompleted(String jobId) {
    return await(
            "/v1/replay/" + jobId,
            j -> {
              clock.advance(Duration.ofSeconds(1));
              fx.engine.runDueJobs();
              return j.path("job").path("status").asText().equals("completed");
            })
        .path("job");
  }

  /** POST /v1/replay of {@code destinationId} over {@code [from, to]}, plus {@code more} fields. */
  private Client.Response postReplay(
      String key, String destinationId, Object from, Object to, String more) {
    return api.post(
        "/v1/replay",
        key,
        "{\"destination_id\":\""
            + destinationId
            + "\",\"from\":\""
            + from
            + "\",\"to\":\""
            + to
            + "\""
            + more
            + "}");
  }

  private static List<RecordedRequest> replayed(WebhookReceiver receiver) {
    return receiver.requests().stream().filter(r -> r.path().endsWith("/target")).toList();
  }

  private void awaitReplayed(WebhookReceiver receiver, int count) {
    await("/v1/replay", j -> replayed(receiver).size() >= count);
  }

  // ---- pagination ----

  @Test
  void paginationOverMoreThanOneHundredItems() {
    String src = createSource(keyB, "{\"name\":\"Paged Events\"}");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      sent.add(ingest(src, "{\"i\":" + i + "}"));
    }
    List<String> all = pageThrough("/v1/events?source_id=" + src, "events", 100, keyB);
    assertThat(all).hasSize(130).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(pageThrough("/v1/events?source_id=" + src, "events", 7, keyB)).isEqualTo(all);

    for (int i = 0; i < 105; i++) {
      createSource(keyB, "{\"name\":\"Paged " + i + "\"}");
    }
    List<String> sources = pageThrough("/v1/sources", "sources", 100, keyB);
    assertThat(sources).hasSizeGreaterThanOrEqualTo(106);
    Client.Response first = api.get("/v1/sources?limit=100", keyB);
    assertThat(first.json().path("sources").size()).isEqualTo(100);
    assertThat(first.json().path("has_more").asBoolean()).isTrue();
    assertThat(api.get("/v1/sources", keyB).json().path("sources").size()).isEqualTo(20);

    for (String bad : List.of("0", "101", "-1", "abc", "1e3", "99999999999")) {
      Client.Response r = api.get("/v1/sources?limit=" + bad, keyB);
      assertError(r, 400);
      assertThat(fieldNames(r)).containsExactly("limit");
    }
    for (String bad : List.of("!!!", "bm90LWFuLWlk", "%25ZZ")) {
      assertError(api.get("/v1/sources?cursor=" + bad, keyB), 400);
    }
  }

  // ---- request bodies: errors ----

  @Test
  void malformedBodiesNameTheProblem() {
    Client.Response broken = api.post("/v1/sources", keyA, "{\"name\": }");
    assertError(broken, 400);
    assertThat(broken.json().path("error").asText()).contains("line 1, column");
    Client.Response array = api.post("/v1/sources", keyA, "[1,2]");
    assertError(array, 400);
    assertThat(array.json().path("error").asText()).contains("JSON object");
    assertError(api.send("POST", "/v1/sources", keyA, "application/json", new byte[0]), 400);
    Client.Response text =
        api.send(
            "POST",
            "/v1/sources",
            keyA,
            "text/plain",
            "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertError(text, 415);
    Client.Response missing = api.post("/v1/sources", keyA, "{\"description\":\"no name\"}");
    assertError(missing, 422);
    assertThat(fieldNames(missing)).containsExactly("name");
    Client.Response unknownField =
        api.post("/v1/sources", keyA, "{\"name\":\"Unknown Fields\",\"colour\":\"blue\"}");
    assertThat(unknownField.status()).isEqualTo(201);
    assertThat(unknownField.json().has("colour")).isFalse();
  }

  // ---- rate limits ----

  @Test
  void publicRoutesAreLimitedPerClientIp() {
    String path = "/limited/v1/health";
    long remaining = Long.MAX_VALUE;
    for (int i = 0; i < LIMITED_PUBLIC; i++) {
      Client.Response r = api.get(path, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(LIMITED_PUBLIC));
      long left = Long.parseLong(r.header("X-RateLimit-Remaining"));
      assertThat(left).isLessThan(remaining);
      remaining = left;
    }
    Client.Response limitedOut = api.get(path, null);
    assertError(limitedOut, 429);
    assertThat(limitedOut.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(limitedOut.header("Retry-After"))).isBetween(1L, 60L);
    long reset = Long.parseLong(limitedOut.header("X-RateLimit-Reset"));
    assertThat(reset).isGreaterThan(limitedClock.now().getEpochSecond());

    limitedClock.advance(Duration.ofMinutes(1));
    assertThat(api.get(path, null).status()).isEqualTo(200);
  }

  @Test
  void authenticatedRoutesAreLimitedPerOrganization() {
    limitedClock.advance(Duration.ofMinutes(1));
    String keyA2 = limited.a.key();
    for (int i = 0; i < LIMITED_AUTH; i++) {
      assertThat(api.get("/limited/v1/sources", keyA2).status()).isEqualTo(200);
    }
    Client.Response over = api.get("/limited/v1/sources", keyA2);
    assertError(over, 429);
    assertThat(over.header("Retry-After")).isNotNull();
    assertThat(api.get("/limited/v1/sources", limited.b.key()).status()).isEqualTo(200);
    limitedClock.advance(Duration.ofMinutes(1));
    assertThat(api.get("/limited/v1/sources", keyA2).status()).isEqualTo(200);
  }
}
