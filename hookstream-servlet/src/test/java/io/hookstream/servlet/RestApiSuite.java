package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.spi.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts one container with two servlets: the engine under test at {@code /*} (registered the way a
 * host does) and a second engine on a manual clock at {@code /limited/*} with tight rate limits.
 * Subclasses name the container and hold the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestApiSuite {

  static final int LIMITED_AUTH = 5;
  static final int LIMITED_PUBLIC = 3;

  /** The main engine's clock: tests move time by hand, never by sleeping. */
  ManualClock clock;

  Fixture fx;
  Fixture limited;
  ManualClock limitedClock;
  ServletContainer container;
  Client api;
  String keyA;
  String keyB;

  /** The container under test. */
  abstract ServletContainer container();

  @BeforeAll
  void startContainer() throws Exception {
    clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    fx = Fixture.start(clock);
    limitedClock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    limited = Fixture.start(limitedClock, TrustedProxies.none(), false);
    ServletOptions limitedOptions =
        ServletOptions.builder()
            .mapping("/limited/*")
            .authenticatedLimit(
                new io.hookstream.servlet.RateLimit(LIMITED_AUTH, Duration.ofMinutes(1)))
            .publicLimit(new io.hookstream.servlet.RateLimit(LIMITED_PUBLIC, Duration.ofMinutes(1)))
            .build();
    container = container();
    URI base =
        container.start(
            fx.engine,
            ServletOptions.builder()
                .authenticatedLimit(RateLimit.perMinute(1_000_000))
                .publicLimit(RateLimit.perMinute(1_000_000))
                .toolsLimit(RateLimit.perMinute(1_000_000))
                .build(),
            "/limited/*",
            new HookstreamServlet(limited.engine, limitedOptions));
    api = new Client(base);
    keyA = fx.a.key();
    keyB = fx.b.key();
  }

  @AfterAll
  void stopContainer() throws Exception {
    container.close();
    fx.close();
    limited.close();
  }

  // ---- helpers shared by the test classes ----

  static void assertError(Client.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json()).as(r.toString()).isNotNull();
    assertThat(r.json().path("error").isTextual()).as(r.toString()).isTrue();
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("request_id").asText()).matches("req_[0-9a-f]{32}");
    assertThat(r.header("X-Request-Id")).isEqualTo(r.json().path("request_id").asText());
  }

  static List<String> fieldNames(Client.Response r) {
    List<String> names = new ArrayList<>();
    r.json().path("fields").forEach(f -> names.add(f.path("field").asText()));
    return names;
  }

  String createSource(String key, String json) {
    Client.Response r = api.post("/v1/sources", key, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  String createDestination(String key, String url) {
    Client.Response r =
        api.post(
            "/v1/destinations",
            key,
            "{\"name\":\"Backend " + System.nanoTime() + "\",\"url\":\"" + url + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  String createConnection(String key, String sourceId, String destinationId) {
    Client.Response r =
        api.post(
            "/v1/connections",
            key,
            "{\"source_id\":\"" + sourceId + "\",\"destination_id\":\"" + destinationId + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  String ingest(String sourceId, String json) {
    Client.Response r =
        api.send(
            "POST",
            "/v1/ingest/" + sourceId,
            null,
            "application/json",
            json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().path("event_id").asText();
  }

  /** Follows cursors through a list, checking every page, and returns every id seen. */
  List<String> pageThrough(String path, String plural, int limit, String key) {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    for (int pages = 0; pages < 1000; pages++) {
      String sep = path.contains("?") ? "&" : "?";
      Client.Response r =
          api.get(path + sep + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode items = r.json().path(plural);
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      items.forEach(
          i -> {
            assertThat(seen.add(i.path("id").asText())).as("duplicate across pages").isTrue();
            ids.add(i.path("id").asText());
          });
      JsonNode pagination = r.json().has("pagination") ? r.json().path("pagination") : r.json();
      String next =
          pagination.path(r.json().has("pagination") ? "next_cursor" : "cursor").asText(null);
      boolean more = pagination.path("has_more").asBoolean();
      assertThat(next != null).isEqualTo(more);
      if (!more) {
        return ids;
      }
      cursor = next;
    }
    throw new AssertionError("did not finish paging");
  }

  /** Runs due deliveries until GET {@code path} answers what {@code done} wants (10 s bound). */
  JsonNode await(String path, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      fx.engine.runDueDeliveries();
      JsonNode body = api.get(path, keyA).json();
      if (done.test(body)) {
        return body;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting at " + path + ": " + body);
      }
      Thread.onSpinWait();
    }
  }
}
