package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.providers.aws.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The bundled aws_s3 type end to end, as a user drives the server: a destination created over REST
 * (a bad one answered with a 422 naming the field), its secret masked on read, a webhook ingested
 * over HTTP and read back from a real S3 server (s3proxy, which checks SigV4) at the documented key
 * {@code {prefix}{YYYY}/{MM}/{DD}/{event_id}.json}.
 */
class StandaloneS3Test {

  private static final String KEY = "hs_test_" + "ef".repeat(32);
  private static final String BUCKET = "webhook-archive";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createsAnS3DestinationOverRestAndArchivesAWebhookAsAnObject() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--port", "0", "--host", "127.0.0.1", "--in-memory", "--allow-private-networks"
            },
            Map.of("HOOKSTREAM_API_KEY", KEY));
    try (S3Server s3 = S3Server.start();
        StandaloneServer server =
            StandaloneServer.start(
                options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      s3.createBucket(BUCKET);
      URI base = server.url();

      HttpResponse<String> invalid =
          ApiCalls.post(
              client,
              base,
              "/v1/destinations",
              KEY,
              "{\"name\":\"Archive\",\"type\":\"s3\",\"config\":{\"region\":\"us-east-1\","
                  + "\"prefix\":\"webhooks/\"}}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("config.bucket");

      JsonNode created =
          ApiCalls.call(
              client,
              base,
              "POST",
              "/v1/destinations",
              KEY,
              "{\"name\":\"Archive\",\"type\":\"s3\",\"config\":{\"bucket\":\""
                  + BUCKET
                  + "\",\"region\":\""
                  + S3Server.REGION
                  + "\",\"prefix\":\"webhooks/\",\"endpoint\":\""
                  + s3.endpoint()
                  + "\",\"access_key_id\":\""
                  + S3Server.KEY_ID
                  + "\",\"secret_access_key\":\""
                  + S3Server.SECRET
                  + "\"}}");
      String dst = created.path("id").asText();
      assertThat(created.path("type").asText()).isEqualTo("aws_s3");
      String read =
          ApiCalls.call(client, base, "GET", "/v1/destinations/" + dst, KEY, null).toString();
      assertThat(read)
          .doesNotContain(S3Server.SECRET)
          .contains("****" + S3Server.SECRET.substring(S3Server.SECRET.length() - 4));

      String src = ApiCalls.connectNewSource(client, base, KEY, dst);
      String body = "{\"type\":\"order.created\",\"id\":7}";
      String eventId = ApiCalls.ingest(client, base, src, body);
      Instant receivedAt =
          Instant.parse(
              ApiCalls.call(client, base, "GET", "/v1/events/" + eventId, KEY, null)
                  .path("received_at")
                  .asText());

      String objectKey = "webhooks/" + DAY.format(receivedAt) + "/" + eventId + ".json";
      JsonNode envelope =
          ApiCalls.JSON.readTree(awaitObject(s3, objectKey, Duration.ofSeconds(20)));
      assertThat(envelope.path("event_id").asText()).isEqualTo(eventId);
      assertThat(envelope.path("source_id").asText()).isEqualTo(src);
      assertThat(envelope.path("method").asText()).isEqualTo("POST");
      assertThat(envelope.path("body")).isEqualTo(ApiCalls.JSON.readTree(body));
      // The REST answer shows milliseconds; the envelope keeps the stored instant's full precision.
      assertThat(
              Instant.parse(envelope.path("received_at").asText()).truncatedTo(ChronoUnit.MILLIS))
          .isEqualTo(receivedAt);
    }
  }

  /** Reads the object until it exists or time is up (delivery runs after the ingest answer). */
  private static String awaitObject(S3Server s3, String key, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return s3.get(BUCKET, key).asUtf8String();
      } catch (NoSuchKeyException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("no object " + key + " in " + BUCKET + " within " + timeout);
  }
}
