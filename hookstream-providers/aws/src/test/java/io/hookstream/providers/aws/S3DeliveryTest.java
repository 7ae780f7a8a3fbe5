package io.hookstream.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** aws_s3 against s3proxy (which verifies SigV4); failures run through the real engine. */
class S3DeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "webhook-archive";
  private static final String KEY = "webhooks/2026/03/01/" + Requests.EVENT_ID + ".json";
  private static S3Server s3;

  private final AwsDestinationProvider provider =
      AwsProviders.builder().allowPrivateNetworks(true).build().s3();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3Server.start();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  private static Map<String, Object> config(String bucket, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bucket", bucket);
    config.put("region", S3Server.REGION);
    config.put("prefix", "webhooks/");
    config.put("access_key_id", S3Server.KEY_ID);
    config.put("secret_access_key", secret);
    config.put("endpoint", s3.endpoint().toString());
    return config;
  }

  @Test
  void writesTheEventEnvelopeUnderItsReceivedDate() throws Exception {
    DeliveryResult result =
        provider.deliver(Requests.json(config(BUCKET, S3Server.SECRET), "{\"order\":42}").build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    ResponseBytes<GetObjectResponse> object = s3.get(BUCKET, KEY);
    assertThat(object.response().contentType()).isEqualTo("application/json");
    assertThat(object.response().metadata())
        .containsEntry("hookstream-event-id", Requests.EVENT_ID);
    assertThat(JSON.readTree(object.asUtf8String()))
        .isEqualTo(
            JSON.readTree(
                "{"
                    + "\"event_id\":\""
                    + Requests.EVENT_ID
                    + "\",\"source_id\":\""
                    + Requests.SOURCE_ID
                    + "\",\"method\":\"POST\",\"headers\":{\"content-type\":\"application/json\","
                    + "\"x-github-event\":\"push\"},\"body\":{\"order\":42},"
                    + "\"received_at\":\"2026-03-01T12:00:00Z\"}"));
    assertThat(result.requestHeaders().get("Key")).containsExactly(KEY);
  }

  @Test
  void rawFormatStoresTheBodyAsItIs() {
    Map<String, Object> config = config(BUCKET, S3Server.SECRET);
    config.put("prefix", "raw/");
    config.put("format", "raw");

    DeliveryResult result = provider.deliver(Requests.json(config, "not json <at all>").build());

    assertThat(result.success()).as(result.error()).isTrue();
    ResponseBytes<GetObjectResponse> object =
        s3.get(BUCKET, "raw/2026/03/01/" + Requests.EVENT_ID + ".json");
    assertThat(object.asUtf8String()).isEqualTo("not json <at all>");
    assertThat(object.response().contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void aWrongSecretGetsA403AndIsNotRetried() {
    String src = connect(config(BUCKET, "wrong-secret-access-key-0000"));
    String evt = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.statusCode()).as(attempt.error()).isEqualTo(403);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.error()).startsWith("SignatureDoesNotMatch").doesNotContain("wrong-secret");
  }

  @Test
  void everyCallWithAWrongSecretIsAnAuthFailureNotANetworkError() {
    // S3 answers 403 before reading the body and closes; a transport that loses that answer
    // (HttpURLConnection did, in about half the calls) reports a retryable network error.
    Map<String, Object> config = config(BUCKET, "wrong-secret-access-key-0000");
    for (int i = 0; i < 30; i++) {
      DeliveryResult result = provider.deliver(Requests.json(config, "{\"n\":" + i + "}").build());
      assertThat(result.failureKind())
          .as("call %d: %s", i, result.error())
          .isEqualTo(FailureKind.AUTH);
      assertThat(result.retryable()).isFalse();
    }
  }

  @Test
  void aMissingBucketIsNotRetried() {
    String src = connect(config("no-such-bucket", S3Server.SECRET));
    String evt = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.statusCode()).as(attempt.error()).isEqualTo(404);
    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.error()).startsWith("NoSuchBucket");
    assertThat(attempt.dlq()).isTrue();
  }

  @Test
  void anObjectTheServerRefusesAsTooLargeIsNotRetried() {
    String big = "\"" + "x".repeat((int) S3Server.MAX_OBJECT) + "\"";
    DeliveryResult result =
        provider.deliver(Requests.json(config(BUCKET, S3Server.SECRET), big).build());

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).startsWith("EntityTooLarge");
  }

  @Test
  void theEngineWritesItsEventUnderTheEventsIdAndDay() throws Exception {
    String src = connect(config(BUCKET, S3Server.SECRET));

    String evt = hs.send(src, "{\"ok\":true}").eventId();

    assertThat(hs.awaitAttempts(evt, 1, WAIT).get(0).status()).isEqualTo("success");
    String day =
        DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC)
            .format(hs.event(evt).receivedAt());
    JsonNode envelope =
        JSON.readTree(s3.get(BUCKET, "webhooks/" + day + "/" + evt + ".json").asUtf8String());
    assertThat(envelope.path("source_id").asText()).isEqualTo(src);
    assertThat(envelope.path("body")).isEqualTo(JSON.readTree("{\"ok\":true}"));
  }

  private String connect(Map<String, Object> config) {
    Destination d =
        hs.engine()
            .destinations()
            .create(
                hs.scope(),
                DestinationSpec.builder().name("archive").type("s3").config(config).build());
    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    return src;
  }
}
