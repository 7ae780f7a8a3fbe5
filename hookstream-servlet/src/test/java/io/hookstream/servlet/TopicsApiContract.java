package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v1/topics}: shapes, validation, publishing with real deliveries, and tenancy. */
abstract class TopicsApiContract extends RestApiSuite {

  @Test
  void topicLifecycleSubscribeAndPublishDeliversWithTheTopicHeader() {
    try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
      String billing = createDestination(keyA, receiver.url("/billing"));
      String audit = createDestination(keyA, receiver.url("/audit"));
      Client.Response created =
          api.post(
              "/v1/topics",
              keyA,
              "{\"name\":\"Order Events\",\"slug\":\"order-events\","
                  + "\"description\":\"All order lifecycle events\"}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      String topic = created.json().path("id").asText();
      assertThat(topic).matches("top_[0-9a-f]{32}");
      assertThat(created.json().path("publish_url").asText())
          .endsWith("/v1/topics/order-events/publish");
      assertThat(created.json().path("subscription_count").asInt()).isZero();

      Client.Response again =
          api.post("/v1/topics", keyA, "{\"name\":\"Again\",\"slug\":\"order-events\"}");
      assertError(again, 409);
      assertThat(again.json().path("error").asText()).contains("slug");

      Client.Response filtered =
          api.post(
              "/v1/topics/" + topic + "/subscriptions",
              keyA,
              "{\"destination_id\":\""
                  + billing
                  + "\",\"filter_rules\":[{\"field\":\"payload.type\",\"op\":\"eq\","
                  + "\"value\":\"order.created\"}],"
                  + "\"transform_expression\":\"{ \\\"order\\\": data.id }\"}");
      assertThat(filtered.status()).as(filtered.toString()).isEqualTo(201);
      JsonNode sub = filtered.json().path("subscription");
      assertThat(sub.path("id").asText()).matches("sub_[0-9a-f]{32}");
      assertThat(sub.path("topic_id").asText()).isEqualTo(topic);
      assertThat(sub.path("filter_rules").get(0).path("op").asText()).isEqualTo("eq");
      String all =
          api.post(
                  "/v1/topics/" + topic + "/subscriptions",
                  keyA,
                  "{\"destination_id\":\"" + audit + "\"}")
              .json()
              .path("subscription")
              .path("id")
              .asText();

      JsonNode detail = api.get("/v1/topics/" + topic, keyA).json();
      assertThat(detail.path("topic").path("subscription_count").asInt()).isEqualTo(2);
      assertThat(detail.path("subscriptions").findValuesAsText("destination_name"))
          .allMatch(n -> n.startsWith("Backend"));
      assertThat(api.get("/v1/topics", keyA).json().path("topics").findValuesAsText("id"))
          .contains(topic);

      Client.Response published =
          api.post(
              "/v1/topics/order-events/publish",
              keyA,
              "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_789\"}}");
      assertThat(published.status()).as(published.toString()).isEqualTo(200);
      String event = published.json().path("event_id").asText();
      assertThat(published.json().path("topic").asText()).isEqualTo("order-events");
      assertThat(published.json().path("subscription_ids").size()).isEqualTo(2);

      List<RecordedRequest> got = receiver.awaitRequests(2, Duration.ofSeconds(10));
      assertThat(got)
          .allSatisfy(r -> assertThat(r.header("X-hookstream-Topic")).isEqualTo("order-events"));
      assertThat(got)
          .filteredOn(r -> r.path().equals("/billing"))
          .singleElement()
          .satisfies(r -> assertThat(r.bodyAsString()).isEqualTo("{\"order\":\"ord_789\"}"));

      JsonNode events = api.get("/v1/events?topic_id=" + topic, keyA).json().path("events");
      assertThat(events.findValuesAsText("id")).containsExactly(event);
      assertThat(events.get(0).path("topic_id").asText()).isEqualTo(topic);
      assertThat(events.get(0).path("source_id").isNull()).isTrue();

      Client.Response patched =
          api.patch(
              "/v1/topics/" + topic + "/subscriptions/" + all,
              keyA,
              "{\"filter_rules\":[{\"field\":\"payload.type\",\"op\":\"eq\","
                  + "\"value\":\"order.updated\"}]}");
      assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
      assertThat(patched.json().path("subscription").path("filter_rules").size()).isEqualTo(1);
      Client.Response none =
          api.post("/v1/topics/order-events/publish", keyA, "{\"type\":\"order.deleted\"}");
      assertThat(none.json().path("subscription_ids").size()).isZero();

      Client.Response renamed =
          api.patch("/v1/topics/" + topic, keyA, "{\"description\":\"Order lifecycle\"}");
      assertThat(renamed.json().path("description").asText()).isEqualTo("Order lifecycle");
      assertThat(renamed.json().path("slug").asText()).isEqualTo("order-events");

      assertThat(api.delete("/v1/topics/" + topic + "/subscriptions/" + all, keyA).status())
          .isEqualTo(200);
      assertError(api.delete("/v1/topics/" + topic + "/subscriptions/" + all, keyA), 404);
      assertThat(api.delete("/v1/topics/" + topic, keyA).status()).isEqualTo(200);
      assertError(api.get("/v1/topics/" + topic, keyA), 404);
      Client.Response gone = api.post("/v1/topics/order-events/publish", keyA, "{}");
      assertError(gone, 404);
      assertThat(gone.json().path("error").asText()).contains("order-events");
    }
  }

  @Test
  void badSubscriptionsAre422sNamingTheFieldAsForConnections() {
    String topic = createTopic(keyA, "Validated");
    String dst = createDestination(keyA, "http://127.0.0.1:9/v");
    Client.Response badRule =
        api.post(
            "/v1/topics/" + topic + "/subscriptions",
            keyA,
            "{\"destination_id\":\""
                + dst
                + "\",\"filter_rules\":[{\"field\":\"payload.type\",\"op\":\"resembles\","
                + "\"value\":1}],\"transform_expression\":\"{ \\\"a\\\": \"}");
    assertError(badRule, 422);
    assertThat(fieldNames(badRule)).contains("filter_rules.0.op", "transform_expression");
    Client.Response notArray =
        api.post(
            "/v1/topics/" + topic + "/subscriptions",
            keyA,
            "{\"destination_id\":\"" + dst + "\",\"filter_rules\":{\"field\":\"x\"}}");
    assertError(notArray, 422);
    assertThat(fieldNames(notArray)).containsExactly("filter_rules");
    Client.Response missing = api.post("/v1/topics/" + topic + "/subscriptions", keyA, "{}");
    assertError(missing, 422);
    assertThat(fieldNames(missing)).containsExactly("destination_id");
    Client.Response badSlug =
        api.post("/v1/topics", keyA, "{\"name\":\"Bad\",\"slug\":\"Not/A Slug\"}");
    assertError(badSlug, 422);
    assertThat(fieldNames(badSlug)).containsExactly("slug");
    Client.Response noName = api.post("/v1/topics", keyA, "{}");
    assertError(noName, 422);
    assertThat(fieldNames(noName)).contains("name");
  }

  @Test
  void anotherOrganizationsTopicsAreNotFound() {
    String topic = createTopic(keyA, "Private Topic");
    String slug = api.get("/v1/topics/" + topic, keyA).json().path("topic").path("slug").asText();
    String dst = createDestination(keyA, "http://127.0.0.1:9/private");
    String sub =
        api.post(
                "/v1/topics/" + topic + "/subscriptions",
                keyA,
                "{\"destination_id\":\"" + dst + "\"}")
            .json()
            .path("subscription")
            .path("id")
            .asText();
    String subPath = "/v1/topics/" + topic + "/subscriptions/" + sub;

    assertError(api.get("/v1/topics/" + topic, keyB), 404);
    assertError(api.patch("/v1/topics/" + topic, keyB, "{\"name\":\"x\"}"), 404);
    assertError(api.delete("/v1/topics/" + topic, keyB), 404);
    assertError(api.patch(subPath, keyB, "{\"active\":false}"), 404);
    assertError(api.delete(subPath, keyB), 404);
    assertError(api.post("/v1/topics/" + slug + "/publish", keyB, "{\"x\":1}"), 404);
    String dstB = createDestination(keyB, "http://127.0.0.1:9/b");
    assertError(
        api.post(
            "/v1/topics/" + topic + "/subscriptions",
            keyB,
            "{\"destination_id\":\"" + dstB + "\"}"),
        404);
    // org A cannot subscribe org B's destination to its own topic either
    Client.Response foreignDestination =
        api.post(
            "/v1/topics/" + topic + "/subscriptions",
            keyA,
            "{\"destination_id\":\"" + dstB + "\"}");
    assertError(foreignDestination, 422);
    assertThat(fieldNames(foreignDestination)).containsExactly("destination_id");
    assertThat(api.get("/v1/topics", keyB).json().path("topics").findValuesAsText("id"))
        .doesNotContain(topic);
    assertThat(api.get(subPath.replace("/subscriptions/" + sub, ""), keyA).status()).isEqualTo(200);
    assertThat(
            api.get("/v1/topics/" + topic, keyA)
                .json()
                .path("subscriptions")
                .findValuesAsText("id"))
        .containsExactly(sub);
  }

  private String createTopic(String key, String name) {
    Client.Response r = api.post("/v1/topics", key, "{\"name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }
}
