package io.hookstream.providers.http;

import static io.hookstream.providers.http.TestRequests.EVENT_ID;
import static io.hookstream.providers.http.TestRequests.JSON_BODY;
import static io.hookstream.providers.http.TestRequests.config;
import static io.hookstream.providers.http.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.hookstream.tck.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked the way a receiver would: recomputed with javax.crypto or the official
 * library.
 */
class OutboundSigningTest extends LoopbackTest {

  private static final String SECRET = "your_secret_here";

  @Test
  void sha256SignsTheBodyWithThePrefixedHexInTheDefaultHeader() throws Exception {
    RecordedRequest got = deliverSigned(Map.of("secret", SECRET));

    String expected = "sha256=" + hmacHex("HmacSHA256", SECRET, got.body());
    assertThat(got.header("X-hookstream-Signature")).isEqualTo(expected).hasSize(7 + 64);
    // Without include_timestamp the timestamp header stays the ISO 8601 delivery time.
    assertThat(got.header("X-hookstream-Timestamp")).isEqualTo("2026-03-01T14:30:00Z");
  }

  @Test
  void sha1WithACustomHeaderAndPrefix() throws Exception {
    RecordedRequest got =
        deliverSigned(
            Map.of("secret", SECRET, "algorithm", "sha1", "header", "X-Signature", "prefix", ""));

    assertThat(got.header("X-Signature"))
        .isEqualTo(hmacHex("HmacSHA1", SECRET, got.body()))
        .hasSize(40);
    assertThat(got.header("X-hookstream-Signature")).isNull();
  }

  @Test
  void sha1DefaultPrefixNamesTheAlgorithm() throws Exception {
    RecordedRequest got = deliverSigned(Map.of("secret", SECRET, "algorithm", "sha1"));
    assertThat(got.header("X-hookstream-Signature"))
        .isEqualTo("sha1=" + hmacHex("HmacSHA1", SECRET, got.body()));
  }

  @Test
  void includeTimestampSignsSecondsDotBodyAndSendsTheSeconds() throws Exception {
    RecordedRequest got =
        deliverSigned(
            Map.of(
                "secret",
                SECRET,
                "include_timestamp",
                true,
                "timestamp_header",
                "X-Signature-Timestamp"));

    String seconds = Long.toString(TestRequests.TIMESTAMP.getEpochSecond());
    assertThat(got.header("X-Signature-Timestamp")).isEqualTo(seconds);
    byte[] signed = (seconds + "." + got.bodyAsString()).getBytes(StandardCharsets.UTF_8);
    assertThat(got.header("X-hookstream-Signature"))
        .isEqualTo("sha256=" + hmacHex("HmacSHA256", SECRET, signed));
    assertThat(got.header("X-hookstream-Timestamp")).isEqualTo("2026-03-01T14:30:00Z");
  }

  @Test
  void includeTimestampInTheDefaultHeaderReplacesTheIsoTimestamp() throws Exception {
    RecordedRequest got = deliverSigned(Map.of("secret", SECRET, "include_timestamp", true));

    String seconds = Long.toString(TestRequests.TIMESTAMP.getEpochSecond());
    assertThat(got.headers().get("X-hookstream-Timestamp")).containsExactly(seconds);
    byte[] signed = (seconds + "." + JSON_BODY).getBytes(StandardCharsets.UTF_8);
    assertThat(got.header("X-hookstream-Signature"))
        .isEqualTo("sha256=" + hmacHex("HmacSHA256", SECRET, signed));
  }

  @Test
  void aTamperedBodyNoLongerMatches() throws Exception {
    RecordedRequest got = deliverSigned(Map.of("secret", SECRET));
    byte[] tampered = got.bodyAsString().replace("ord_1", "ord_2").getBytes(StandardCharsets.UTF_8);
    assertThat(got.header("X-hookstream-Signature"))
        .isNotEqualTo("sha256=" + hmacHex("HmacSHA256", SECRET, tampered));
  }

  @Test
  void standardWebhooksVerifiesWithTheOfficialLibrary() throws Exception {
    String secret =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString(
                    "a-32-byte-key-for-the-test-suite".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> config = config(receiver.url());
    config.put("signing_config", Map.of("mode", "standard_webhooks", "secret", secret));
    // The library checks the timestamp against the real clock (5 minutes' tolerance).
    Instant now = Instant.now();

    provider.deliver(TestRequests.attempt(config, 1, now));
    provider.deliver(TestRequests.attempt(config, 2, now.plusSeconds(30)));

    List<RecordedRequest> got = receiver.awaitRequests(2, WAIT);
    Webhook webhook = new Webhook(secret);
    for (RecordedRequest request : got) {
      assertThatCode(() -> webhook.verify(request.bodyAsString(), request.headers()))
          .doesNotThrowAnyException();
      assertThat(request.header("webhook-signature")).startsWith("v1,");
    }
    // webhook-id is the event id, the same on every attempt, so receivers can dedupe on it.
    assertThat(got).extracting(r -> r.header("webhook-id")).containsExactly(EVENT_ID, EVENT_ID);
    assertThat(got.get(0).header("webhook-timestamp"))
        .isEqualTo(Long.toString(now.getEpochSecond()));

    Map<String, List<String>> forged = new LinkedHashMap<>(got.get(0).headers());
    assertThatThrownBy(
            () -> webhook.verify(got.get(0).bodyAsString().replace("ord_1", "ord_9"), forged))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void standardWebhooksIsAlsoAcceptedAsTheAlgorithm() {
    String secret =
        "whsec_" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    Map<String, Object> config = config(receiver.url());
    config.put("signing_config", Map.of("algorithm", "standard_webhooks", "secret", secret));
    Instant now = Instant.now();

    provider.deliver(TestRequests.attempt(config, 1, now));

    RecordedRequest got = receiver.awaitRequests(1, WAIT).get(0);
    assertThatCode(() -> new Webhook(secret).verify(got.bodyAsString(), got.headers()))
        .doesNotThrowAnyException();
    assertThat(got.header("X-hookstream-Signature")).isNull();
  }

  private RecordedRequest deliverSigned(Map<String, Object> signing) {
    Map<String, Object> config = config(receiver.url());
    config.put("signing_config", signing);
    assertThat(provider.deliver(request(config)).success()).isTrue();
    return receiver.awaitRequests(1, WAIT).get(0);
  }

  private static String hmacHex(String algorithm, String secret, byte[] payload)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
    return HexFormat.of().formatHex(mac.doFinal(payload));
  }
}
