package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends bad input to every endpoint and proves none of it reaches the 500 path: broken and
 * truncated JSON, wrong top-level types, every field with every wrong type, huge numbers, deep
 * nesting, empty bodies, wrong content types, unknown and foreign ids, path junk, bad query
 * parameters and bodies over the limits. Every answer must be a 4xx (or a 2xx where the input was
 * acceptable after all), and every answer of ours a JSON error with a request id.
 */
abstract class MalformedInputContract extends RestApiSuite {

  /** One endpoint: method, path with {placeholders}, and the fields its body takes. */
  record Endpoint(String method, String path, String validBody, List<String> fields) {
    boolean json() {
      return validBody != null;
    }
  }

  private static final int ANY_4XX = -4;

  private final Map<String, String> own = new LinkedHashMap<>();
  private final Map<String, String> foreign = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private int sent;

  private static final List<String> SOURCE_FIELDS =
      List.of(
          "name",
          "slug",
          "description",
          "template",
          "verification_type",
          "verification_secret",
          "verification_header",
          "verification_encoding",
          "verification_prefix",
          "verification_timestamp_header",
          "verification_tolerance_seconds",
          "ip_allowlist",
          "ip_denylist",
          "dedup_strategy",
          "dedup_field",
          "dedup_window_seconds",
          "schema_validation_enabled",
          "json_schema",
          "schema_action",
          "timestamp_header",
          "tolerance_seconds");
  private static final List<String> DESTINATION_FIELDS =
      List.of(
          "name",
          "slug",
          "description",
          "type",
          "url",
          "method",
          "headers",
          "timeout",
          "timeout_seconds",
          "config",
          "provider_config",
          "signing_config",
          "retry_max_attempts",
          "max_retries",
          "retry_backoff_type",
          "backoff_type",
          "retry_intervals",
          "intervals",
          "max_in_flight",
          "ordered",
          "rate_limit_per_second",
          "enabled");
  private static final List<String> CONNECTION_FIELDS =
      List.of(
          "name",
          "source_id",
          "destination_id",
          "filter_rules",
          "transform_expression",
          "transform_enabled",
          "enabled",
          "ordering_key");

  private static final List<String> TOPIC_FIELDS = List.of("name", "slug", "description");
  private static final List<String> CHANNEL_FIELDS =
      List.of("name", "channel_type", "type", "config");
  private static final List<String> RULE_FIELDS =
      List.of(
          "name",
          "rule_type",
          "rule_config",
          "source_id",
          "destination_id",
          "channel_ids",
          "cooldown_minutes",
          "enabled");
  private static final List<String> SUBSCRIPTION_FIELDS =
      List.of("destination_id", "filter_rules", "transform_expression", "active");

  private static final List<String> REPLAY_FIELDS =
      List.of("destination_id", "source_id", "from", "to", "rate_limit", "max_events");
  private static final List<String> RETRY_FIELDS =
      List.of(
          "status",
          "source_id",
          "destination_id",
          "issue_id",
          "from",
          "to",
          "rate_limit",
          "max_events");

  private static final List<String> TOOL_FIELDS =
      List.of("url", "method", "headers", "body", "timeout");
  private static final List<String> SCHEDULE_FIELDS =
      List.of("url", "method", "headers", "body", "timeout", "delay_seconds");
  private static final List<String> IDEMPOTENCY_FIELDS =
      List.of(
          "url",
          "method",
          "headers",
          "body",
          "timeout",
          "count",
          "idempotency_header",
          "idempotency_value");
  // Loopback: the corpus engine refuses it, so no tool call leaves the machine.
  private static final String TOOL_URL = "\"url\":\"http://127.0.0.1:9/corpus\"";
  private static final List<String> COLLECTION_FIELDS =
      List.of("name", "slug", "source_id", "primary_key_path", "event_time_path");

  private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);
  private static final List<String> BAD_VALUES =
      List.of(
          "\"text\"",
          "\"\"",
          "\"   \"",
          "0",
          "-1",
          "1.5",
          "1e400",
          "-1e400",
          "123456789012345678901234567890123456789012345678901234567890",
          "9".repeat(500),
          "true",
          "false",
          "null",
          "{}",
          "{\"a\":{\"b\":[1,{\"c\":null}]}}",
          "[]",
          "[\"x\",1,null]",
          "[{\"field\":{},\"op\":[],\"value\":{}}]",
          "[{\"field\":\"payload.a\",\"op\":\"in\"}]",
          "\"" + "x".repeat(100_000) + "\"",
          "\"\\u0000\\u0001\"",
          "\"../../etc/passwd\"",
          "\"javascript:alert(1)\"",
          "\"http://169.254.169.254/latest\"",
          "\"ftp://x\"",
          "\"$$$(((\"",
          "\"{\\\"type\\\": 5}\"",
          "\"\\ud83d\\ude00\"",
          "\"999.1.1.1/99\"",
          "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/nope\"}}}",
          "{\"url\":5,\"headers\":[],\"timeout\":\"x\",\"signing_config\":7}",
          "{\"secret\":{},\"algorithm\":\"md5\",\"include_timestamp\":\"yes\"}",
          "[" + "1,".repeat(10_000) + "1]",
          DEEP);
  private static final List<String> BAD_BODIES =
      List.of(
          "{\"name\": }",
          "{\"name\": \"x\", \"slug\": \"ab",
          "{",
          "}",
          "[1,2]",
          "\"str\"",
          "42",
          "null",
          "true",
          "{\"a\":1}{\"b\":2}",
          "{'name':'x'}",
          "{\"name\":\"x\",}",
          "{\"name\":\"\\uZZZZ\"}",
          DEEP,
          "{\"n\":" + "9".repeat(5000) + "}",
          "{\"name\":\"x\",\"name\":5}");
  private static final List<String> BAD_QUERIES =
      List.of(
          "limit=0",
          "limit=-5",
          "limit=abc",
          "limit=1e9",
          "limit=" + "9".repeat(50),
          "cursor=!!!",
          "cursor=",
          "cursor=" + "A".repeat(5000),
          "cursor=c3JjX2FhYQ",
          "status=bogus",
          "after=yesterday",
          "before=2026-13-45T99:99:99Z",
          "search=" + "s".repeat(5000),
          "source_id=x",
          "source_id=" + "s".repeat(3000),
          "destination_id=%27%20OR%201%3D1",
          "limit=%00",
          "limit=10&limit=abc",
          "is_dlq=maybe",
          "event_id=evt_x",
          "connection_id=" + "c".repeat(500),
          "status=%00",
          "offset=-1",
          "granularity=week",
          "granularity=%00",
          "start=2026-03-01T00:00:00",
          "end=" + "9".repeat(40),
          "start=2026-03-02T00:00:00Z&end=2026-03-01T00:00:00Z",
          "start=1970-01-01T00:00:00Z&end=2026-03-01T00:00:00Z",
          "start=-1000000000-01-01T00:00:00Z",
          "end=+1000000000-12-31T23:59:59Z",
          "after=2026-03-01T00:00:00Z&before=2026-03-01T00:00:00Z",
          "format=xml",
          "format=" + "f".repeat(3000));

  @BeforeAll
  void createResources() {
    create(keyA, own);
    create(keyB, foreign);
    // Well-formed ids nobody has: attempts and issues need failing deliveries to exist.
    own.put("da", "da_" + "1".repeat(32));
    own.put("iss", "iss_" + "2".repeat(32));
    foreign.put("da", "da_" + "3".repeat(32));
    foreign.put("iss", "iss_" + "4".repeat(32));
    // Scheduled sends belong to no organization: neither id exists.
    own.put("sch", "sch_" + "5".repeat(32));
    foreign.put("sch", "sch_" + "6".repeat(32));
    own.put(
        "ak",
        api.get("/v1/auth/api-keys", keyA).json().path("api_keys").get(0).path("id").asText());
    foreign.put(
        "ak",
        api.get("/v1/auth/api-keys", keyB).json().path("api_keys").get(0).path("id").asText());
  }

  private void create(String key, Map<String, String> ids) {
    ids.put("src", createSource(key, "{\"name\":\"Corpus " + System.nanoTime() + "\"}"));
    ids.put("dst", createDestination(key, "http://127.0.0.1:9/corpus"));
    ids.put("conn", createConnection(key, ids.get("src"), ids.get("dst")));
    ids.put("evt", ingest(ids.get("src"), "{\"corpus\":true}"));
    Client.Response topic =
        api.post("/v1/topics", key, "{\"name\":\"Corpus " + System.nanoTime() + "\"}");
    ids.put("top", topic.json().path("id").asText());
    ids.put("slug", topic.json().path("slug").asText());
    ids.put(
        "sub",
        api.post(
                "/v1/topics/" + ids.get("top") + "/subscriptions",
                key,
                "{\"destination_id\":\"" + ids.get("dst") + "\"}")
            .json()
            .path("subscription")
            .path("id")
            .asText());
    Client.Response collection = api.post("/v1/collections", key, validCollection(ids));
    assertThat(collection.status()).as(collection.toString()).isEqualTo(201);
    ids.put("col", collection.json().path("collection").path("id").asText());
    ids.put("key", "true");
    ingest(ids.get("src"), "{\"corpus\":true}");
    Client.Response channel = api.post("/v1/notification-channels", key, validChannel());
    assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
    ids.put("nc", channel.json().path("id").asText());
    Client.Response rule = api.post("/v1/alert-rules", key, validRule(ids));
    assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
    ids.put("ar", rule.json().path("alert_rule").path("id").asText());
    Client.Response replay = api.post("/v1/replay", key, validReplay(ids));
    assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
    ids.put("rpl", replay.json().path("job").path("id").asText());
    testSession(key, ids);
  }

  /** A test session with one event; the foreign one is claimed by its organization. */
  private void testSession(String key, Map<String, String> ids) {
    Client.Response created = api.send("POST", "/v1/test/sessions", null, null, null);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String session = created.json().path("session_id").asText();
    ids.put("ts", session);
    api.send(
        "POST",
        "/v1/ingest/" + session,
        null,
        "application/json",
        "{\"corpus\":true}".getBytes(StandardCharsets.UTF_8));
    ids.put(
        "tev",
        api.get("/v1/test/sessions/" + session + "/events", null)
            .json()
            .path("events")
            .get(0)
            .path("id")
            .asText());
    if (key.equals(keyB)) {
      assertThat(api.post("/v1/test/sessions/" + session + "/claim", key, "{}").status())
          .isEqualTo(200);
    }
  }

  private static String validCollection(Map<String, String> ids) {
    return "{\"name\":\"Corpus Collection\",\"source_id\":\""
        + ids.get("src")
        + "\",\"primary_key_path\":\"corpus\"}";
  }

  private static String validChannel() {
    return "{\"name\":\"Corpus Channel\",\"channel_type\":\"webhook\","
        + "\"config\":{\"url\":\"http://127.0.0.1:9/corpus\",\"secret\":\"corpus-secret\"}}";
  }

  private static String validRule(Map<String, String> ids) {
    return "{\"name\":\"Corpus Rule\",\"rule_type\":\"failure_rate\","
        + "\"rule_config\":{\"threshold\":10},\"destination_id\":\""
        + ids.get("dst")
        + "\",\"channel_ids\":[\""
        + ids.get("nc")
        + "\"],\"cooldown_minutes\":30}";
  }

  private static String validReplay(Map<String, String> ids) {
    return "{\"destination_id\":\""
        + ids.get("dst")
        + "\",\"from\":\"2026-03-01T09:00:00Z\",\"to\":\"2026-03-01T10:00:00Z\"}";
  }

  private List<Endpoint> endpoints() {
    String validSource = "{\"name\":\"Corpus Source\"}";
    String validDestination = "{\"name\":\"Corpus Dest\",\"url\":\"https://example.com/h\"}";
    String validConnection =
        "{\"source_id\":\"" + own.get("src") + "\",\"destination_id\":\"" + own.get("dst") + "\"}";
    String validSubscription = "{\"destination_id\":\"" + own.get("dst") + "\"}";
    return List.of(
        new Endpoint("GET", "/v1/health", null, List.of()),
        new Endpoint("POST", "/v1/auth/api-keys", "{\"name\":\"k\"}", List.of("name", "mode")),
        new Endpoint("GET", "/v1/auth/api-keys", null, List.of()),
        new Endpoint("DELETE", "/v1/auth/api-keys/{ak}", null, List.of()),
        new Endpoint("GET", "/v1/sources", null, List.of()),
        new Endpoint("POST", "/v1/sources", validSource, SOURCE_FIELDS),
        new Endpoint("GET", "/v1/sources/templates", null, List.of()),
        new Endpoint("GET", "/v1/sources/{src}", null, List.of()),
        new Endpoint("PATCH", "/v1/sources/{src}", validSource, SOURCE_FIELDS),
        new Endpoint("GET", "/v1/destinations", null, List.of()),
        new Endpoint("POST", "/v1/destinations", validDestination, DESTINATION_FIELDS),
        new Endpoint("GET", "/v1/destinations/templates", null, List.of()),
        new Endpoint("GET", "/v1/destinations/{dst}", null, List.of()),
        new Endpoint("PATCH", "/v1/destinations/{dst}", validDestination, DESTINATION_FIELDS),
        new Endpoint("GET", "/v1/connections", null, List.of()),
        new Endpoint("POST", "/v1/connections", validConnection, CONNECTION_FIELDS),
        new Endpoint("GET", "/v1/connections/{conn}", null, List.of()),
        new Endpoint("PATCH", "/v1/connections/{conn}", validConnection, CONNECTION_FIELDS),
        new Endpoint("GET", "/v1/events", null, List.of()),
        new Endpoint("GET", "/v1/events/{evt}", null, List.of()),
        new Endpoint("POST", "/v1/events/{evt}/retry", null, List.of()),
        new Endpoint("GET", "/v1/delivery-attempts", null, List.of()),
        new Endpoint("GET", "/v1/delivery-attempts/{da}", null, List.of()),
        new Endpoint("POST", "/v1/delivery-attempts/{da}/retry", null, List.of()),
        new Endpoint("GET", "/v1/destinations/{dst}/circuit", null, List.of()),
        new Endpoint("POST", "/v1/destinations/{dst}/circuit/reset", null, List.of()),
        new Endpoint("GET", "/v1/issues", null, List.of()),
        new Endpoint("GET", "/v1/issues/summary", null, List.of()),
        new Endpoint("GET", "/v1/issues/{iss}", null, List.of()),
        new Endpoint(
            "PATCH",
            "/v1/issues/{iss}",
            "{\"status\":\"acknowledged\"}",
            List.of("status", "snoozed_until")),
        new Endpoint("POST", "/v1/issues/{iss}/retry", null, List.of()),
        new Endpoint("POST", "/v1/replay", validReplay(own), REPLAY_FIELDS),
        new Endpoint("GET", "/v1/replay", null, List.of()),
        new Endpoint("GET", "/v1/replay/{rpl}", null, List.of()),
        new Endpoint("POST", "/v1/replay/{rpl}/cancel", null, List.of()),
        new Endpoint("POST", "/v1/events/retry", "{\"status\":\"failed\"}", RETRY_FIELDS),
        new Endpoint("POST", "/v1/ingest/{src}", null, List.of()),
        new Endpoint("GET", "/v1/metrics/overview", null, List.of()),
        new Endpoint("GET", "/v1/metrics/volume", null, List.of()),
        new Endpoint("GET", "/v1/metrics/deliveries", null, List.of()),
        new Endpoint("GET", "/v1/metrics/latency", null, List.of()),
        new Endpoint("GET", "/v1/topics", null, List.of()),
        new Endpoint("POST", "/v1/topics", "{\"name\":\"Corpus Topic\"}", TOPIC_FIELDS),
        new Endpoint("GET", "/v1/topics/{top}", null, List.of()),
        new Endpoint("PATCH", "/v1/topics/{top}", "{\"name\":\"Corpus\"}", TOPIC_FIELDS),
        new Endpoint(
            "POST", "/v1/topics/{top}/subscriptions", validSubscription, SUBSCRIPTION_FIELDS),
        new Endpoint(
            "PATCH",
            "/v1/topics/{top}/subscriptions/{sub}",
            validSubscription,
            SUBSCRIPTION_FIELDS),
        new Endpoint("POST", "/v1/topics/{slug}/publish", "{\"type\":\"x\"}", List.of()),
        new Endpoint("POST", "/v1/tools/health-check", "{" + TOOL_URL + "}", TOOL_FIELDS),
        new Endpoint(
            "POST",
            "/v1/tools/schedule",
            "{" + TOOL_URL + ",\"delay_seconds\":60}",
            SCHEDULE_FIELDS),
        new Endpoint("GET", "/v1/tools/schedule/{sch}", null, List.of()),
        new Endpoint(
            "POST",
            "/v1/tools/idempotency-test",
            "{" + TOOL_URL + ",\"count\":2}",
            IDEMPOTENCY_FIELDS),
        // deletes last, so the resources above stay for the other cases
        new Endpoint("POST", "/v1/test/sessions", null, List.of()),
        new Endpoint("GET", "/v1/test/sessions/{ts}", null, List.of()),
        new Endpoint("GET", "/v1/agent/sessions/{ts}/events", null, List.of()),
        new Endpoint("GET", "/v1/test/sessions/{ts}/events/{tev}", null, List.of()),
        new Endpoint(
            "PUT", "/v1/test/sessions/{ts}/events/{tev}/note", "{\"note\":\"n\"}", List.of("note")),
        new Endpoint(
            "PATCH",
            "/v1/agent/sessions/{ts}/response",
            "{\"status_code\":200}",
            List.of("status_code", "content_type", "body", "headers")),
        new Endpoint(
            "PATCH",
            "/v1/test/sessions/{ts}/forwarding",
            "{\"url\":null}",
            List.of("url", "enabled")),
        new Endpoint("GET", "/v1/test/sessions/{ts}/export", null, List.of()),
        new Endpoint("POST", "/v1/test/sessions/{ts}/claim", null, List.of()),
        new Endpoint("GET", "/v1/collections", null, List.of()),
        new Endpoint("POST", "/v1/collections", validCollection(own), COLLECTION_FIELDS),
        new Endpoint("GET", "/v1/collections/{col}", null, List.of()),
        new Endpoint("PATCH", "/v1/collections/{col}", "{\"name\":\"Corpus\"}", COLLECTION_FIELDS),
        new Endpoint("GET", "/v1/collections/{col}/records", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/records/{key}", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/records/{key}/changelog", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/stats", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/schema", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/export", null, List.of()),
        new Endpoint("POST", "/v1/collections/{col}/backfill", null, List.of()),
        new Endpoint("GET", "/v1/collections/{col}/backfill", null, List.of()),
        new Endpoint("GET", "/v1/notification-channels", null, List.of()),
        new Endpoint("POST", "/v1/notification-channels", validChannel(), CHANNEL_FIELDS),
        new Endpoint("GET", "/v1/notification-channels/{nc}", null, List.of()),
        new Endpoint("PATCH", "/v1/notification-channels/{nc}", validChannel(), CHANNEL_FIELDS),
        new Endpoint("POST", "/v1/notification-channels/{nc}/test", null, List.of()),
        new Endpoint("GET", "/v1/alert-rules", null, List.of()),
        new Endpoint("POST", "/v1/alert-rules", validRule(own), RULE_FIELDS),
        new Endpoint("GET", "/v1/alert-rules/{ar}", null, List.of()),
        new Endpoint("PATCH", "/v1/alert-rules/{ar}", validRule(own), RULE_FIELDS),
        // deletes last, so the resources above stay for the other cases
        new Endpoint("DELETE", "/v1/collections/{col}", null, List.of()),
        new Endpoint("DELETE", "/v1/notification-channels/{nc}", null, List.of()),
        new Endpoint("DELETE", "/v1/alert-rules/{ar}", null, List.of()),
        new Endpoint("DELETE", "/v1/topics/{top}/subscriptions/{sub}", null, List.of()),
        new Endpoint("DELETE", "/v1/topics/{top}", null, List.of()),
        new Endpoint("DELETE", "/v1/connections/{conn}", null, List.of()),
        new Endpoint("DELETE", "/v1/destinations/{dst}", null, List.of()),
        new Endpoint("DELETE", "/v1/sources/{src}", null, List.of()),
        new Endpoint("DELETE", "/v1/agent/sessions/{ts}", null, List.of()));
  }

  @Test
  void badInputNeverReachesTheServerErrorPath() throws Exception {
    for (Endpoint e : endpoints()) {
      if (e.json()) {
        bodies(e);
        fieldTypes(e);
      }
      if (e.method().equals("GET") && !e.path().contains("{")) {
        queries(e);
      }
      if (e.method().equals("GET") && e.path().startsWith("/v1/collections/{col}/")) {
        queries(new Endpoint("GET", fill(e.path(), own), null, List.of()));
      }
      ids(e);
    }
    ingest();
    sessionQueries();
    rawPaths();
    brokenFraming();
    assertThat(failures).as("%d of %d requests failed the corpus", failures.size(), sent).isEmpty();
    assertThat(sent).isGreaterThan(3000);
  }

  private void bodies(Endpoint e) {
    String path = fill(e.path(), own);
    for (String body : BAD_BODIES) {
      check(e.method(), path, "application/json", body, 400);
    }
    check(e.method(), path, "application/json", "", 400);
    check(e.method(), path, "text/plain", e.validBody(), 415);
    check(e.method(), path, "application/x-www-form-urlencoded", "name=x", 415);
    check(e.method(), path, null, e.validBody(), 415);
    oversized(e.method(), path, ServletOptions.DEFAULT_MAX_JSON_BODY_BYTES + 1);
  }

  private void fieldTypes(Endpoint e) {
    String path = fill(e.path(), own);
    for (String field : e.fields()) {
      for (String value : BAD_VALUES) {
        String body =
            e.validBody().substring(0, e.validBody().length() - 1)
                + ",\""
                + field
                + "\":"
                + value
                + "}";
        check(e.method(), path, "application/json", body, -1);
      }
    }
  }

  private void queries(Endpoint e) {
    for (String q : BAD_QUERIES) {
      check("GET", e.path() + "?" + q, null, null, -1);
    }
  }

  private void ids(Endpoint e) {
    if (!e.path().contains("{")) {
      return;
    }
    String body = e.validBody();
    String type = body == null ? null : "application/json";
    check(e.method(), fill(e.path(), foreign), type, body, foreignStatus(e));
    String placeholder = e.path().substring(e.path().indexOf('{') + 1, e.path().indexOf('}'));
    for (String junk :
        List.of(
            placeholder + "_" + "0".repeat(32),
            placeholder + "_" + "g".repeat(32),
            "x",
            "null",
            "-1",
            "%2e%2e",
            "..%2f..",
            "a%20b",
            "%F0%9F%98%80",
            "%27%20OR%201%3D1",
            "s".repeat(5000),
            placeholder + "_" + "a".repeat(4000),
            "%25",
            "~",
            "$",
            ";x=1")) {
      String path = e.path().replaceAll("\\{[a-z]+}", Matcher.quoteReplacement(junk));
      // 404 from us, or a 400 from the container for a path it refuses to route
      check(e.method(), path, type, body, ANY_4XX);
    }
  }

  /**
   * What another organization's resource answers: 404, except at public URLs. A test session's id
   * is its credential, so its public endpoints serve whoever holds it; claiming one already claimed
   * elsewhere is a 404.
   */
  private static int foreignStatus(Endpoint e) {
    if (e.path().startsWith("/v1/ingest")) {
      return 200;
    }
    boolean session = e.path().startsWith("/v1/test/") || e.path().startsWith("/v1/agent/");
    return session && !e.path().endsWith("/claim") ? -1 : 404;
  }

  /** The event filters and export format of test sessions. */
  private void sessionQueries() {
    String id = own.get("ts");
    for (String path :
        List.of(
            "/v1/agent/sessions/" + id,
            "/v1/test/sessions/" + id + "/events",
            "/v1/test/sessions/" + id + "/export")) {
      for (String q :
          List.of(
              "status=1xx",
              "status=",
              "method=%00",
              "method=" + "M".repeat(3000),
              "q=%00%ff",
              "q=" + "%25".repeat(2000),
              "format=zip",
              "format=",
              "limit=101")) {
        check("GET", path + "?" + q, null, null, -1);
      }
      for (String q : BAD_QUERIES) {
        check("GET", path + "?" + q, null, null, -1);
      }
    }
  }

  private void ingest() {
    String path = "/v1/ingest/" + own.get("src");
    oversized("POST", path, Fixture.MAX_BODY_BYTES + 1);
    for (String method : List.of("GET", "PUT", "PATCH", "DELETE", "POST", "HEAD")) {
      check(
          method,
          path,
          "application/octet-stream",
          method.equals("GET") || method.equals("HEAD") ? null : "\u0000\u00ff garbage",
          200);
    }
    for (String body : BAD_BODIES) {
      check("POST", path, "application/json", body, 200);
    }
    check("POST", path, "multipart/form-data; boundary=zzz", "--zzz\r\nbroken", 200);
  }

  /** Paths a URI class refuses to build: sent on a raw socket. */
  private void rawPaths() throws IOException {
    for (String target :
        List.of(
            "/v1/sources/%00",
            "/v1/sources/%zz",
            "/v1/sources/%",
            "/v1/../v1/sources",
            "/v1/sources/..",
            "/v1/ingest/%00",
            "/v1//sources",
            "//v1/health",
            "/v1/sources/\u00e9",
            "/v1/sources?limit=%zz",
            "/v1/events?after=%ff%fe",
            "/v1/sources/" + "%41".repeat(3000),
            "/v1/ingest/" + own.get("src") + "?a=%zz")) {
      int status = rawStatus(target);
      sent++;
      if (status >= 500 || status < 100) {
        failures.add("raw GET " + abbreviate(target) + " -> " + status);
      }
    }
  }

  /** Bodies whose framing is broken: bad chunk sizes, a Content-Length longer than the body. */
  private void brokenFraming() throws IOException {
    String chunked =
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n";
    for (String target : List.of("/v1/sources", "/v1/ingest/" + own.get("src"))) {
      for (String body :
          List.of(
              "zz\r\n{}\r\n0\r\n\r\n",
              "5\r\n{\"a\":1}\r\n0\r\n\r\n",
              "ffffffffffffffffff\r\n{}\r\n")) {
        sent++;
        int status = rawStatus("POST", target, chunked, body);
        if (status >= 500) {
          failures.add("raw chunked POST " + target + " [" + abbreviate(body) + "] -> " + status);
        }
      }
    }
  }

  /**
   * A body over the limit, announced with {@code Expect: 100-continue} as curl does for large
   * bodies: the 413 must come back before any of the body is sent. (On a raw socket, because the
   * JDK 17 HTTP client waits forever when a server answers such a request at once.)
   */
  private void oversized(String method, String path, int length) {
    sent++;
    try {
      int status =
          rawStatus(
              method,
              path,
              "Content-Type: application/json\r\nContent-Length: "
                  + length
                  + "\r\nExpect: 100-continue\r\n");
      if (status != 413) {
        failures.add(method + " " + abbreviate(path) + " [" + length + " bytes] -> " + status);
      }
    } catch (IOException ex) {
      failures.add(method + " " + abbreviate(path) + " [" + length + " bytes] -> " + ex);
    }
  }

  private int rawStatus(String target) throws IOException {
    return rawStatus("GET", target, "Connection: close\r\n");
  }

  private int rawStatus(String method, String target, String headers) throws IOException {
    return rawStatus(method, target, headers, "");
  }

  private int rawStatus(String method, String target, String headers, String body)
      throws IOException {
    URI base = URI.create(api.base());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                  + keyA
                  + "\r\n"
                  + headers
                  + "\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      while (true) {
        String[] parts = readLine(in).split(" ");
        int status =
            parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
        if (status < 100 || status > 199) {
          return status;
        }
        // An interim 100 Continue (Tomcat sends it at once): skip it, the final answer follows.
        while (!readLine(in).isEmpty()) {
          continue;
        }
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Sends one request; {@code expected} is a status, {@link #ANY_4XX}, or -1 for "any status below
   * 500".
   */
  private void check(String method, String path, String contentType, String body, int expected) {
    sent++;
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    Client.Response r;
    try {
      r = send(method, path, contentType, bytes);
    } catch (UncheckedIOException first) {
      // A container may close a kept-alive connection after refusing a request (a 400 for a
      // path it will not route); the client only learns it when it reuses the connection.
      try {
        r = send(method, path, contentType, bytes);
      } catch (UncheckedIOException ex) {
        failures.add(
            method + " " + abbreviate(path) + " [" + abbreviate(body) + "] -> " + ex.getCause());
        return;
      }
    }
    String what =
        method
            + " "
            + abbreviate(path)
            + " ["
            + abbreviate(body)
            + "] -> "
            + r.status()
            + " "
            + abbreviate(r.text());
    boolean wrong =
        expected == ANY_4XX
            ? r.status() < 400 || r.status() > 499
            : expected > 0 && r.status() != expected;
    if (r.status() >= 500 || wrong) {
      failures.add(what);
      return;
    }
    if (r.status() >= 400 && r.header("X-Request-Id") != null && !method.equals("HEAD")) {
      boolean shaped =
          r.json() != null
              && r.json().path("status").asInt() == r.status()
              && r.json().path("error").isTextual()
              && r.json().path("request_id").asText().equals(r.header("X-Request-Id"));
      if (!shaped) {
        failures.add("unshaped error: " + what);
      }
    }
  }

  private Client.Response send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder b =
        api.request(path)
            .header("X-API-Key", keyA)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return api.send(b.build());
  }

  private static String fill(String path, Map<String, String> ids) {
    String out = path;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + ")" : s;
  }
}
