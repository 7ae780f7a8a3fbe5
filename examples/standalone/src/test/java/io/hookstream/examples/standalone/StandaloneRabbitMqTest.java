package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.hookstream.providers.rabbitmq.RabbitBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled rabbitmq type end to end, as a user drives the server: a destination created over
 * REST (a bad one answered with a 422 naming the field), its password masked on read, a webhook
 * ingested over HTTP and read back from a queue of a real RabbitMQ (Debian's rabbitmq-server,
 * started by the test) through the Management API.
 */
class StandaloneRabbitMqTest {

  private static final String KEY = "hs_test_" + "ef".repeat(32);

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsARabbitMqDestinationOverRestAndDeliversAWebhookToTheQueue() throws Exception {
    assumeTrue(RabbitBroker.installed(), RabbitBroker.INSTALL_HINT);
    RabbitBroker broker = RabbitBroker.shared();
    broker.declare("standalone-orders", "standalone-orders-q", "orders");
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (StandaloneServer server =
        StandaloneServer.start(
            options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      URI base = server.url();

      HttpResponse<String> invalid =
          post(
              base,
              "{\"name\":\"Broker\",\"type\":\"rabbitmq\",\"config\":{\"url\":\""
                  + broker.managementUrl()
                  + "\"}}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.exchange");

      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Broker\",\"type\":\"rabbitmq\",\"config\":{\"url\":\""
                  + broker.managementUrl()
                  + "\",\"vhost\":\"/\",\"exchange\":\"standalone-orders\","
                  + "\"routing_key\":\"orders\",\"username\":\""
                  + RabbitBroker.USER
                  + "\",\"password\":\""
                  + RabbitBroker.PASSWORD
                  + "\"}}");
      String dst = created.path("id").asText();
      JsonNode read = ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null);
      String password = read.path("config").path("password").asText();
      assertThat(password).startsWith("****").isNotEqualTo(RabbitBroker.PASSWORD);

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);

      GetResponse got = awaitMessage(broker, "standalone-orders-q", Duration.ofSeconds(20));
      assertThat(RabbitBroker.text(got)).isEqualTo(body);
      assertThat(got.getProps().getMessageId()).isEqualTo(eventId);
      assertThat(got.getProps().getHeaders().get("hookstream-source-id").toString()).isEqualTo(src);
    }
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

  /** Polls the queue until a message arrives or time is up. */
  private static GetResponse awaitMessage(RabbitBroker broker, String queue, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<GetResponse> got = broker.take(queue);
      if (!got.isEmpty()) {
        return got.get(0);
      }
      Thread.sleep(100); // a poll interval, not a wait for an outcome
    }
    throw new AssertionError("no message in " + queue + " within " + timeout);
  }
}
