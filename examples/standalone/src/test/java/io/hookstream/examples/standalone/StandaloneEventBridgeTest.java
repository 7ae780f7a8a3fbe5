package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.providers.aws.SigV4Stub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled aws_eventbridge type end to end, as a user drives the server: a destination created
 * over REST (a bad one answered with a 422 naming the field), its secret masked on read, a webhook
 * ingested over HTTP and received as a PutEvents entry by a loopback server that checks the SigV4
 * signature with the AWS SDK's own signer (no EventBridge emulator runs here).
 */
class StandaloneEventBridgeTest {

  private static final String KEY = "hs_test_" + "ab".repeat(32);
  private static final String BUS = "arn:aws:events:us-east-1:123456789012:event-bus/orders";

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsAnEventBridgeDestinationOverRestAndPutsAWebhookOnTheBus() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (SigV4Stub events = SigV4Stub.start("events");
        StandaloneServer server =
            StandaloneServer.start(
                options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      URI base = server.url();

      HttpResponse<String> invalid =
          ApiCalls.post(
              client,
              base,
              "/v1/destinations",
              KEY,
              "{\"name\":\"Bus\",\"type\":\"eventbridge\",\"config\":{\"event_bus_arn\":\""
                  + BUS
                  + "\",\"region\":\"us-east-1\",\"source\":\"hookstream\"}}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.detail_type");

      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Bus\",\"type\":\"eventbridge\",\"config\":{\"event_bus_arn\":\""
                  + BUS
                  + "\",\"region\":\""
                  + SigV4Stub.REGION
                  + "\",\"source\":\"hookstream\",\"detail_type\":\"WebhookEvent\","
                  + "\"endpoint\":\""
                  + events.endpoint()
                  + "\",\"access_key_id\":\""
                  + SigV4Stub.KEY_ID
                  + "\",\"secret_access_key\":\""
                  + SigV4Stub.SECRET
                  + "\"}}");
      String dst = created.path("id").asText();
      assertThat(created.path("type").asText()).isEqualTo("aws_eventbridge");
      String read =
          ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null).toString();
      assertThat(read)
          .doesNotContain(SigV4Stub.SECRET)
          .contains("****" + SigV4Stub.SECRET.substring(SigV4Stub.SECRET.length() - 4));

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);
      Instant receivedAt =
          Instant.parse(
              ApiCalls.call(client, base, "GET", "/v1/events/" + eventId, KEY, null)
                  .path("received_at")
                  .asText());

      SigV4Stub.Received put = awaitRequest(events, Duration.ofSeconds(20));
      assertThat(events.rejected()).isEmpty();
      assertThat(put.target()).isEqualTo("AWSEvents.PutEvents");
      JsonNode entries = ApiCalls.JSON.readTree(put.body()).path("Entries");
      assertThat(entries).hasSize(1);
      JsonNode entry = entries.get(0);
      assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
      assertThat(entry.path("Source").asText()).isEqualTo("hookstream");
      assertThat(entry.path("DetailType").asText()).isEqualTo("WebhookEvent");
      assertThat(ApiCalls.JSON.readTree(entry.path("Detail").asText()))
          .isEqualTo(ApiCalls.JSON.readTree(body));
      assertThat(entry.path("Time").asLong()).isEqualTo(receivedAt.getEpochSecond());
    }
  }

  /** The first signed request the server accepted, waiting for it until time is up. */
  private static SigV4Stub.Received awaitRequest(SigV4Stub events, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<SigV4Stub.Received> got = events.received();
      if (!got.isEmpty()) {
        return got.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no PutEvents within " + timeout + "; refused: " + events.rejected());
  }
}
