package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server as a user runs it: started through its options on a free port with H2
 * files, used over real HTTP (health, a source, a destination, a connection, a webhook delivered to
 * a real receiver), stopped, and started again on the same files.
 */
class StandaloneServerTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void receivesAWebhookOverHttpAndDeliversItToARealEndpoint() throws Exception {
    String preset = "hs_test_" + "ab".repeat(32);
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", preset));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (WebhookReceiver receiver = WebhookReceiver.start();
        StandaloneServer server =
            StandaloneServer.start(
                options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("IN MEMORY")
          .doesNotContain("API key");
      assertThat(server.newApiKey()).isEmpty();
      assertThat(call(server.url(), "GET", "/v1/health", null, null).path("status").asText())
          .isEqualTo("ok");
      String sourceId =
          call(server.url(), "POST", "/v1/sources", preset, "{\"name\":\"Orders\"}")
              .path("id")
              .asText();
      deliversOneWebhook(server, preset, sourceId, receiver);
    }
  }

  @Test
  void firstStartOnH2PrintsAKeyDeliversAndASecondStartKeepsEverything() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port",
              "0",
              "--host",
              "127.0.0.1",
              "--data",
              data.toString(),
              "--allow-private-networks"
            },
            Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String sourceId;
    String key;
    try (WebhookReceiver receiver = WebhookReceiver.start();
        StandaloneServer server =
            StandaloneServer.start(
                options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String out = printed.toString(StandardCharsets.UTF_8);
      assertThat(out)
          .contains("listening on " + server.url())
          .contains("H2 file")
          .contains("API key (shown once");
      key = server.newApiKey().orElseThrow();
      assertThat(out).contains(key);
      assertThat(key).matches("hs_live_[0-9a-f]{64}");
      assertThat(call(server.url(), "GET", "/v1/health", null, null).path("status").asText())
          .isEqualTo("ok");
      JsonNode source = call(server.url(), "POST", "/v1/sources", key, "{\"name\":\"Orders\"}");
      sourceId = source.path("id").asText();
      assertThat(source.path("url").asText())
          .isEqualTo("http://localhost:" + server.url().getPort() + "/v1/ingest/" + sourceId);
      deliversOneWebhook(server, key, sourceId, receiver);
    }

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (StandaloneServer server =
        StandaloneServer.start(options, new PrintStream(again, true, StandardCharsets.UTF_8))) {
      assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("API key");
      assertThat(server.newApiKey()).isEmpty();
      JsonNode events = call(server.url(), "GET", "/v1/events?source_id=" + sourceId, key, null);
      assertThat(events.path("events").size()).isEqualTo(1);
      assertThat(events.path("events").get(0).path("status").asText()).isEqualTo("delivered");
      assertThat(
              call(server.url(), "GET", "/v1/sources/" + sourceId, key, null).path("name").asText())
          .isEqualTo("Orders");
    }
  }

  @Test
  void runsOnPostgresqlGivenAJdbcUrl() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
      ServerOptions options =
          ServerOptions.parse(
              new String[] {
                "--port", "0", "--host", "127.0.0.1", "--jdbc-url", url, "--allow-private-networks"
              },
              Map.of());
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      try (WebhookReceiver receiver = WebhookReceiver.start();
          StandaloneServer server =
              StandaloneServer.start(
                  options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out)
            .contains(
                "store: PostgreSQL jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?...")
            .doesNotContain("user=postgres");
        String key = server.newApiKey().orElseThrow();
        String sourceId =
            call(server.url(), "POST", "/v1/sources", key, "{\"name\":\"Orders\"}")
                .path("id")
                .asText();
        deliversOneWebhook(server, key, sourceId, receiver);
      }
    }
  }

  @Test
  void badCommandLinesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port", "99999"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(
            () -> ServerOptions.parse(new String[] {"--jdbc-url", "mysql://x"}, Map.of()))
        .hasMessageContaining("--jdbc-url");
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--data"}, Map.of()))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(
            () -> ServerOptions.parse(new String[] {"--trusted-proxy", "10.0.0.0/33"}, Map.of()))
        .hasMessageContaining("--trusted-proxy")
        .hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(
            () ->
                ServerOptions.parse(
                    new String[0],
                    Map.of(ServerOptions.TRUSTED_PROXIES_ENV, "10.0.0.0/8, lb.internal")))
        .hasMessageContaining(ServerOptions.TRUSTED_PROXIES_ENV)
        .hasMessageContaining("lb.internal");
  }

  @Test
  void trustedProxiesComeFromRepeatedFlagsAndTheEnvironment() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {"--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "2001:db8::/32"},
            Map.of(ServerOptions.TRUSTED_PROXIES_ENV, "192.168.1.1, 172.16.0.0/12"));
    assertThat(options.trustedProxies().entries())
        .containsExactly("10.0.0.0/8", "2001:db8::/32", "192.168.1.1", "172.16.0.0/12");
    assertThat(options.trustedProxies().trusts("10.9.9.9")).isTrue();
    assertThat(options.trustedProxies().trusts("2001:db8:1::1")).isTrue();
    assertThat(options.trustedProxies().trusts("192.168.1.2")).isFalse();
    assertThat(ServerOptions.parse(new String[0], Map.of()).trustedProxies().isEmpty()).isTrue();
  }

  @Test
  void forwardedForCountsOnlyFromATrustedProxy() throws Exception {
    String key = "hs_test_" + "cd".repeat(32);
    for (boolean trusted : new boolean[] {false, true}) {
      String[] args =
          trusted
              ? new String[] {
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--in-memory",
                "--trusted-proxy",
                "127.0.0.1/32"
              }
              : new String[] {"--port", "0", "--host", "127.0.0.1", "--in-memory"};
      try (StandaloneServer server =
          StandaloneServer.start(
              ServerOptions.parse(args, Map.of("HOOKSTREAM_API_KEY", key)),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
        String sourceId =
            call(
                    server.url(),
                    "POST",
                    "/v1/sources",
                    key,
                    "{\"name\":\"Behind LB\",\"ip_allowlist\":\"203.0.113.7\"}")
                .path("id")
                .asText();
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/ingest/" + sourceId))
                    .header("X-Forwarded-For", "203.0.113.7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(trusted ? 200 : 403);
        if (trusted) {
          String eventId = ApiCalls.JSON.readTree(r.body()).path("event_id").asText();
          assertThat(
                  call(server.url(), "GET", "/v1/events/" + eventId, key, null)
                      .path("source_ip")
                      .asText())
              .isEqualTo("203.0.113.7");
        }
      }
    }
  }

  /** Routes the source to the receiver, ingests one webhook and waits for its delivery. */
  private void deliversOneWebhook(
      StandaloneServer server, String key, String sourceId, WebhookReceiver receiver)
      throws Exception {
    String dst =
        call(
                server.url(),
                "POST",
                "/v1/destinations",
                key,
                "{\"name\":\"Receiver\",\"url\":\"" + receiver.url("orders") + "\"}")
            .path("id")
            .asText();
    call(
        server.url(),
        "POST",
        "/v1/connections",
        key,
        "{\"source_id\":\"" + sourceId + "\",\"destination_id\":\"" + dst + "\"}");
    String body = "{\"type\":\"order.created\",\"id\":7}";
    String eventId =
        call(server.url(), "POST", "/v1/ingest/" + sourceId, null, body).path("event_id").asText();
    assertThat(eventId).startsWith("evt_");
    List<RecordedRequest> got = receiver.awaitRequests(1, Duration.ofSeconds(15));
    assertThat(got.get(0).bodyAsString()).isEqualTo(body);
    assertThat(got.get(0).header("X-hookstream-Event-Id")).isEqualTo(eventId);
  }

  private JsonNode call(URI base, String method, String path, String key, String json)
      throws IOException, InterruptedException {
    return ApiCalls.call(client, base, method, path, key, json);
  }
}
