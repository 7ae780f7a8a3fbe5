package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/notification-channels} and {@code /v1/alert-rules}: shapes, masking, validation, the
 * signed test notification, a rule firing into a real receiver, and tenancy.
 */
abstract class AlertsApiContract extends RestApiSuite {

  private static final String SECRET = "whsec_rest_alerts_secret";

  @Test
  void aDlqRuleNotifiesASignedWebhookChannelAndKeepsItsHistory() throws Exception {
    try (WebhookReceiver alerts = WebhookReceiver.start(clock);
        WebhookReceiver backend = WebhookReceiver.start(clock)) {
      backend.respondWith(ScriptedResponse.status(400)); // dead-lettered at once
      Client.Response created =
          api.post(
              "/v1/notification-channels",
              keyA,
              "{\"name\":\"Ops\",\"channel_type\":\"webhook\",\"config\":{\"url\":\""
                  + alerts.url("/alerts")
                  + "\",\"secret\":\""
                  + SECRET
                  + "\"}}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      String channel = created.json().path("id").asText();
      assertThat(channel).matches("nc_[0-9a-f]{32}");
      assertThat(created.json().path("type").asText()).isEqualTo("webhook");
      assertThat(created.json().path("config").path("secret").asText()).isEqualTo("****cret");

      Client.Response tested = api.post("/v1/notification-channels/" + channel + "/test", keyA, "");
      assertThat(tested.json().path("success").asBoolean()).as(tested.toString()).isTrue();
      RecordedRequest test = alerts.awaitRequests(1, Duration.ofSeconds(10)).get(0);
      assertThat(test.header("X-hookstream-Signature")).isEqualTo(hmac(test.body()));
      assertThat(test.bodyAsString()).contains("\"type\":\"test\"");

      String src = createSource(keyA, "{\"name\":\"Alerted " + System.nanoTime() + "\"}");
      String dst = createDestination(keyA, backend.url("/hook"));
      createConnection(keyA, src, dst);
      Client.Response rule =
          api.post(
              "/v1/alert-rules",
              keyA,
              "{\"name\":\"Dead letters\",\"rule_type\":\"dlq\",\"rule_config\":{\"threshold\":1},"
                  + "\"destination_id\":\""
                  + dst
                  + "\",\"channel_ids\":[\""
                  + channel
                  + "\"]}");
      assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
      JsonNode r = rule.json().path("alert_rule");
      String ruleId = r.path("id").asText();
      assertThat(r.path("cooldown_minutes").asInt()).isEqualTo(60);
      assertThat(r.path("enabled").asBoolean()).isTrue();

      ingest(src, "{\"type\":\"order.created\"}");
      backend.awaitRequests(1, Duration.ofSeconds(10));
      awaitDeadLetter(dst); // the answer arrived; its attempt is recorded just after
      clock.advance(Duration.ofMinutes(5));
      fx.engine.runDueJobs();
      fx.engine.runDueDeliveries();
      RecordedRequest alert = alerts.awaitRequests(2, Duration.ofSeconds(10)).get(1);
      assertThat(alert.header("X-hookstream-Signature")).isEqualTo(hmac(alert.body()));
      JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(alert.body());
      assertThat(doc.path("type").asText()).isEqualTo("alert.triggered");
      assertThat(doc.path("alert_rule").path("id").asText()).isEqualTo(ruleId);

      JsonNode detail = api.get("/v1/alert-rules/" + ruleId, keyA).json();
      assertThat(detail.path("alert_rule").path("last_triggered_at").isTextual()).isTrue();
      assertThat(detail.path("history").get(0).path("kind").asText()).isEqualTo("triggered");
      assertThat(detail.path("history").get(0).path("message").asText())
          .startsWith("1 events dead-lettered");
      // The channel answered before its attempt was settled: wait for the attempt, not the answer.
      JsonNode attempts =
          await(
              "/v1/delivery-attempts?destination_id=" + channel,
              b -> !b.path("delivery_attempts").isEmpty());
      assertThat(attempts.path("delivery_attempts").findValuesAsText("status"))
          .containsExactly("success");

      Client.Response inUse = api.delete("/v1/notification-channels/" + channel, keyA);
      assertError(inUse, 409);
      assertThat(inUse.json().path("error").asText()).contains(ruleId);
      assertThat(api.delete("/v1/alert-rules/" + ruleId, keyA).json().path("deleted").asBoolean())
          .isTrue();
      assertThat(api.delete("/v1/notification-channels/" + channel, keyA).status()).isEqualTo(200);
      assertError(api.get("/v1/notification-channels/" + channel, keyA), 404);
    }
  }

  @Test
  void badRulesAndChannelsGet422NamingTheField() {
    String channel = createChannel(keyA);
    Client.Response noThreshold =
        api.post(
            "/v1/alert-rules",
            keyA,
            "{\"name\":\"x\",\"rule_type\":\"failure_rate\",\"rule_config\":{\"threshold\":250},"
                + "\"channel_ids\":[\""
                + channel
                + "\",\"nc_"
                + "0".repeat(32)
                + "\"]}");
    assertError(noThreshold, 422);
    assertThat(fieldNames(noThreshold))
        .containsExactlyInAnyOrder("rule_config.threshold", "channel_ids.1");
    Client.Response latency =
        api.post(
            "/v1/alert-rules",
            keyA,
            "{\"name\":\"x\",\"rule_type\":\"latency\","
                + "\"rule_config\":{\"threshold_ms\":0,\"percentile_target\":\"p42\"}}");
    assertError(latency, 422);
    assertThat(fieldNames(latency))
        .containsExactlyInAnyOrder("rule_config.threshold_ms", "rule_config.percentile_target");
    Client.Response type =
        api.post("/v1/alert-rules", keyA, "{\"name\":\"x\",\"rule_type\":\"y\"}");
    assertError(type, 422);
    assertThat(fieldNames(type)).containsExactly("rule_type");
    Client.Response volume =
        api.post(
            "/v1/alert-rules",
            keyA,
            "{\"name\":\"x\",\"rule_type\":\"volume_drop\",\"rule_config\":{\"threshold\":0.5},"
                + "\"destination_id\":\"dst_"
                + "1".repeat(32)
                + "\"}");
    assertError(volume, 422);
    assertThat(fieldNames(volume)).containsExactly("destination_id");
    Client.Response both =
        api.post(
            "/v1/alert-rules",
            keyA,
            "{\"name\":\"Ratio\",\"rule_type\":\"failure_rate\",\"rule_config\":{\"threshold\":0.05}}");
    assertThat(both.status()).as(both.toString()).isEqualTo(201);
    assertThat(both.json().path("alert_rule").path("rule_config").path("threshold").asDouble())
        .isEqualTo(0.05);

    Client.Response badUrl =
        api.post(
            "/v1/notification-channels",
            keyA,
            "{\"name\":\"x\",\"channel_type\":\"slack\",\"config\":{\"url\":\"ftp://x\"}}");
    assertError(badUrl, 422);
    assertThat(fieldNames(badUrl)).containsExactly("config.url");
    Client.Response noSmtp =
        api.post(
            "/v1/notification-channels",
            keyA,
            "{\"name\":\"x\",\"channel_type\":\"email\",\"config\":{\"to\":\"a@example.com\"}}");
    assertError(noSmtp, 422);
    assertThat(fieldNames(noSmtp)).containsExactly("channel_type");
  }

  @Test
  void anotherOrganizationsChannelsAndRulesAreNotFound() {
    String channel = createChannel(keyA);
    String rule =
        api.post(
                "/v1/alert-rules",
                keyA,
                "{\"name\":\"Private\",\"rule_type\":\"issue_opened\",\"channel_ids\":[\""
                    + channel
                    + "\"]}")
            .json()
            .path("alert_rule")
            .path("id")
            .asText();

    assertError(api.get("/v1/notification-channels/" + channel, keyB), 404);
    assertError(api.patch("/v1/notification-channels/" + channel, keyB, "{\"name\":\"x\"}"), 404);
    assertError(api.post("/v1/notification-channels/" + channel + "/test", keyB, ""), 404);
    assertError(api.delete("/v1/notification-channels/" + channel, keyB), 404);
    assertError(api.get("/v1/alert-rules/" + rule, keyB), 404);
    assertError(api.patch("/v1/alert-rules/" + rule, keyB, "{\"name\":\"x\"}"), 404);
    assertError(api.delete("/v1/alert-rules/" + rule, keyB), 404);
    Client.Response borrowed =
        api.post(
            "/v1/alert-rules",
            keyB,
            "{\"name\":\"x\",\"rule_type\":\"dlq\",\"channel_ids\":[\"" + channel + "\"]}");
    assertError(borrowed, 422);
    assertThat(fieldNames(borrowed)).containsExactly("channel_ids.0");
    assertThat(api.get("/v1/alert-rules", keyB).json().path("alert_rules").findValuesAsText("id"))
        .doesNotContain(rule);
    assertThat(
            api.get("/v1/notification-channels", keyB)
                .json()
                .path("channels")
                .findValuesAsText("id"))
        .doesNotContain(channel);
    assertThat(api.get("/v1/alert-rules/" + rule, keyA).status()).isEqualTo(200);
  }

  private void awaitDeadLetter(String destination) {
    await(
        "/v1/delivery-attempts?is_dlq=true&destination_id=" + destination,
        b -> !b.path("delivery_attempts").isEmpty());
  }

  private String createChannel(String key) {
    Client.Response r =
        api.post(
            "/v1/notification-channels",
            key,
            "{\"name\":\"Chat\",\"type\":\"discord\",\"config\":{\"url\":\"http://127.0.0.1:9/d\"}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
