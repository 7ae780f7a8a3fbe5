package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.tck.WebhookReceiver;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The standalone server's tools switches: served by default (and, with {@code
 * --allow-private-networks}, allowed to reach a loopback receiver), refused to loopback without it,
 * and answered 404 with {@code --no-public-tools}.
 */
class StandaloneToolsTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void theToolsAreServedAndReachLoopbackWithAllowPrivateNetworks() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start();
        StandaloneServer server = start("--allow-private-networks")) {
      HttpResponse<String> r = healthCheck(server.url(), receiver.url("/up"));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(ApiCalls.JSON.readTree(r.body()).path("healthy").asBoolean()).isTrue();
      assertThat(receiver.awaitRequests(1, Duration.ofSeconds(5))).hasSize(1);
    }
  }

  @Test
  void withoutAllowPrivateNetworksALoopbackUrlIsRefused() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start();
        StandaloneServer server = start()) {
      HttpResponse<String> r = healthCheck(server.url(), receiver.url("/up"));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
      JsonNode field = ApiCalls.JSON.readTree(r.body()).path("fields").get(0);
      assertThat(field.path("field").asText()).isEqualTo("url");
      assertThat(field.path("message").asText()).contains("loopback");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void noPublicToolsAnswers404ForToolsAndTestSessions() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start();
        StandaloneServer server = start("--allow-private-networks", "--no-public-tools")) {
      assertThat(healthCheck(server.url(), receiver.url("/up")).statusCode()).isEqualTo(404);
      assertThat(post(server.url(), "/v1/test/sessions", "{}").statusCode()).isEqualTo(404);
      assertThat(
              ApiCalls.call(client, server.url(), "GET", "/v1/health", null, null)
                  .path("status")
                  .asText())
          .isEqualTo("ok");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  private static StandaloneServer start(String... flags) throws Exception {
    String[] args =
        Stream.concat(
                Stream.of("--port", "0", "--host", "127.0.0.1", "--in-memory"), Stream.of(flags))
            .toArray(String[]::new);
    return StandaloneServer.start(
        ServerOptions.parse(args, Map.of()), new PrintStream(OutputStream.nullOutputStream()));
  }

  private HttpResponse<String> healthCheck(URI base, String url) throws Exception {
    return post(base, "/v1/tools/health-check", "{\"url\":\"" + url + "\"}");
  }

  private HttpResponse<String> post(URI base, String path, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
