package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

/**
 * The bundled kafka type end to end, as a user drives the server: a destination created over REST
 * (a bad one answered with a 422 naming the field), its secret masked on read, a webhook ingested
 * over HTTP and read back from a real KRaft broker started in this JVM.
 */
class StandaloneKafkaTest {

  private static final String KEY = "hs_test_" + "ef".repeat(32);
  private static final String SECRET = "kafka-api-secret-e2e-4242";

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsAKafkaDestinationOverRestAndDeliversAWebhookToTheTopic() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (KafkaClusterTestKit kafka =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        StandaloneServer server =
            StandaloneServer.start(
                options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      kafka.format();
      kafka.startup();
      kafka.waitForReadyBrokers();
      try (Admin admin = kafka.admin()) {
        admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
      }
      URI base = server.url();

      HttpResponse<String> invalid =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/destinations"))
                  .header("X-API-Key", KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"Stream\",\"type\":\"kafka\",\"config\":{\"topic\":\"orders\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.bootstrap_servers");

      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Stream\",\"type\":\"kafka\",\"config\":{\"bootstrap_servers\":\""
                  + kafka.bootstrapServers()
                  + "\",\"topic\":\"orders\",\"security_protocol\":\"PLAINTEXT\","
                  + "\"api_key\":\"unused-on-plaintext\",\"api_secret\":\""
                  + SECRET
                  + "\"}}");
      String dst = created.path("id").asText();
      assertThat(created.path("type").asText()).isEqualTo("kafka");
      String read =
          ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null).toString();
      assertThat(read).doesNotContain(SECRET).contains("****4242");

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);

      ConsumerRecord<String, String> got =
          awaitRecord(kafka.bootstrapServers(), "orders", Duration.ofSeconds(20));
      assertThat(got.value()).isEqualTo(body);
      assertThat(got.key()).isEqualTo(eventId);
      assertThat(
              new String(
                  got.headers().lastHeader("hookstream-source-id").value(), StandardCharsets.UTF_8))
          .isEqualTo(src);
    }
  }

  /** Reads partition 0 of {@code topic} from the start until a record arrives or time is up. */
  private static ConsumerRecord<String, String> awaitRecord(
      String bootstrap, String topic, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          return r;
        }
      }
    }
    throw new AssertionError("no record in " + topic + " within " + timeout);
  }
}
