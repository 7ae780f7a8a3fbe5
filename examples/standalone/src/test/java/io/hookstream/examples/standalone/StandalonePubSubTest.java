package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bundled gcp_pubsub type end to end, as a user drives the server: a destination created over
 * REST (a bad key file answered with a 422 naming the field), the key masked whole on read, a
 * webhook ingested over HTTP and pulled back from Google's Pub/Sub emulator (a child JVM). The
 * token endpoint here only hands out tokens; the provider module's tests verify the JWT.
 */
class StandalonePubSubTest {

  private static final String KEY = "hs_test_" + "ef".repeat(32);
  private static final String EMULATOR_JAR =
      "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsAPubSubDestinationOverRestAndDeliversAWebhookToTheTopic() throws Exception {
    assumeTrue(
        new File(EMULATOR_JAR).isFile(),
        "the Pub/Sub emulator is not installed: install the Debian package"
            + " google-cloud-cli-pubsub-emulator from Google's Cloud SDK apt repository");
    HttpServer tokens = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tokens.createContext(
        "/token",
        exchange -> {
          byte[] answer =
              "{\"access_token\":\"ya29.e2e\",\"expires_in\":3600}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    tokens.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process emulator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                EMULATOR_JAR,
                "--host=127.0.0.1",
                "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI pubsub = URI.create("http://127.0.0.1:" + port);
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (StandaloneServer server =
        StandaloneServer.start(
            options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      awaitEmulator(pubsub);
      ApiCalls.call(client, pubsub, "PUT", "/v1/projects/proj-e2e/topics/orders", null, "{}");
      ApiCalls.call(
          client,
          pubsub,
          "PUT",
          "/v1/projects/proj-e2e/subscriptions/orders-sub",
          null,
          "{\"topic\":\"projects/proj-e2e/topics/orders\"}");
      URI base = server.url();

      HttpResponse<String> invalid =
          post(
              base,
              "{\"name\":\"Topic\",\"type\":\"pubsub\",\"config\":{\"project_id\":\"proj-e2e\","
                  + "\"topic_id\":\"orders\",\"service_account_json\":\"{not json\"}}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.service_account_json");

      String keyFile = keyFile("http://127.0.0.1:" + tokens.getAddress().getPort() + "/token");
      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Topic\",\"type\":\"pubsub\",\"config\":{\"project_id\":\"proj-e2e\","
                  + "\"topic_id\":\"orders\",\"endpoint\":\""
                  + pubsub
                  + "\",\"service_account_json\":"
                  + ApiCalls.JSON.writeValueAsString(keyFile)
                  + "}}");
      String dst = created.path("id").asText();
      assertThat(created.path("type").asText()).isEqualTo("gcp_pubsub");
      JsonNode read = ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null);
      assertThat(read.toString()).doesNotContain("PRIVATE KEY").contains("\"****\"");

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);

      JsonNode message = awaitMessage(pubsub);
      assertThat(Base64.getDecoder().decode(message.path("data").asText()))
          .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
      assertThat(message.path("attributes").path("event_id").asText()).isEqualTo(eventId);
      assertThat(message.path("attributes").path("source_id").asText()).isEqualTo(src);
    } finally {
      tokens.stop(0);
      emulator.destroy();
      emulator.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A key file around a fresh RSA key, exchanging tokens at {@code tokenUri}. */
  private static String keyFile(String tokenUri) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return ApiCalls.JSON.writeValueAsString(
        Map.of(
            "type",
            "service_account",
            "client_email",
            "e2e@proj-e2e.iam.gserviceaccount.com",
            "private_key",
            pem,
            "token_uri",
            tokenUri));
  }

  /** Polls until the emulator answers, bounded by {@link #WAIT}. */
  private void awaitEmulator(URI pubsub) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        client.send(
            HttpRequest.newBuilder(URI.create(pubsub + "/v1/projects/proj-e2e/topics")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (ConnectException e) {
        assertThat(System.nanoTime()).as("the emulator started").isLessThan(deadline);
        Thread.sleep(100); // polling until the port opens
      }
    }
  }

  /** Pulls from the subscription until a message arrives, bounded by {@link #WAIT}. */
  private JsonNode awaitMessage(URI pubsub) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode got =
          ApiCalls.call(
                  client,
                  pubsub,
                  "POST",
                  "/v1/projects/proj-e2e/subscriptions/orders-sub:pull",
                  null,
                  "{\"maxMessages\":1,\"returnImmediately\":true}")
              .path("receivedMessages");
      if (got.size() > 0) {
        return got.get(0).path("message");
      }
      Thread.sleep(100); // polling the subscription
    }
    throw new AssertionError("no message on the subscription within " + WAIT);
  }

  private HttpResponse<String> post(URI base, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/destinations"))
            .header("X-API-Key", KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
