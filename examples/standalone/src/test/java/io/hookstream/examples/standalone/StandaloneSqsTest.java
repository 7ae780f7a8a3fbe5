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
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The bundled aws_sqs type end to end, as a user drives the server: a destination created over REST
 * (a bad one answered with a 422 naming the field), its secret masked on read, a webhook ingested
 * over HTTP and read back from a real SQS server (embedded ElasticMQ).
 */
class StandaloneSqsTest {

  private static final String KEY = "hs_test_" + "cd".repeat(32);
  private static final String SECRET = "sqs-secret-access-key-e2e-4242";

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsAnSqsDestinationOverRestAndDeliversAWebhookToTheQueue() throws Exception {
    SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    URI sqsEndpoint =
        URI.create("http://127.0.0.1:" + sqs.waitUntilStarted().localAddress().getPort());
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (SqsClient reader =
            SqsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(sqsEndpoint)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("reader", "reader-secret")))
                .build();
        StandaloneServer server =
            StandaloneServer.start(
                options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      String queueUrl = reader.createQueue(r -> r.queueName("orders")).queueUrl();
      URI base = server.url();

      HttpResponse<String> invalid =
          post(
              base,
              "/v1/destinations",
              "{\"name\":\"Queue\",\"type\":\"sqs\",\"config\":{\"region\":\"us-east-1\"}}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.queue_url");

      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Queue\",\"type\":\"sqs\",\"config\":{\"queue_url\":\""
                  + queueUrl
                  + "\",\"region\":\"us-east-1\",\"access_key_id\":\"AKIAE2ETESTKEY000001\","
                  + "\"secret_access_key\":\""
                  + SECRET
                  + "\"}}");
      String dst = created.path("id").asText();
      assertThat(created.path("type").asText()).isEqualTo("aws_sqs");
      String read =
          ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null).toString();
      assertThat(read).doesNotContain(SECRET).contains("****4242");

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);

      Message got = awaitMessage(reader, queueUrl, Duration.ofSeconds(20));
      assertThat(got.body()).isEqualTo(body);
      assertThat(got.messageAttributes().get("hookstream-event-id").stringValue())
          .isEqualTo(eventId);
      assertThat(got.messageAttributes().get("hookstream-source-id").stringValue()).isEqualTo(src);
    } finally {
      sqs.stopAndWait();
    }
  }

  private HttpResponse<String> post(URI base, String path, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("X-API-Key", KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls the queue (each receive waits up to 1 s) until a message arrives or time is up. */
  private static Message awaitMessage(SqsClient reader, String queueUrl, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> got =
          reader
              .receiveMessage(
                  r -> r.queueUrl(queueUrl).waitTimeSeconds(1).messageAttributeNames("All"))
              .messages();
      if (!got.isEmpty()) {
        return got.get(0);
      }
    }
    throw new AssertionError("no message in " + queueUrl + " within " + timeout);
  }
}
