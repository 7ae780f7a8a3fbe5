package io.hookstream.verify;

import static io.hookstream.verify.ProviderSignatureTest.assertRejected;
import static io.hookstream.verify.TestRequests.hmac;
import static io.hookstream.verify.TestRequests.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import com.twilio.security.RequestValidator;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of the schemes beyond the per-template matrix: encodings, prefixes, rotation. */
class SchemeDetailsTest {

  private static final String BODY = ProviderCases.ORDER;
  private final ManualClock clock = new ManualClock();

  private static SignatureVerifier create(Verification v) {
    return SignatureVerifiers.create(v);
  }

  private static IngestRequest json(Map<String, String> headers) {
    return post(ProviderCase.URL, "application/json", BODY, headers);
  }

  @Test
  void genericHmacReadsTheDefaultHeaderAndDetectsHexOrBase64() {
    SignatureVerifier verifier =
        create(new Verification("HMAC-SHA256", "k", null, null, null, null, null));
    byte[] mac = hmac("HmacSHA256", "k", BODY);

    verifier.verify(
        json(Map.of("X-Webhook-Signature", HexFormat.of().formatHex(mac))), clock.now());
    verifier.verify(
        json(Map.of("X-Webhook-Signature", Base64.getEncoder().encodeToString(mac))), clock.now());
    verifier.verify(
        json(Map.of("x-webhook-signature", "sha256=" + HexFormat.of().formatHex(mac))),
        clock.now());
    assertThat(verifier.type()).isEqualTo(VerificationType.HMAC_SHA256);
  }

  @Test
  void aConfiguredPrefixIsRequiredAndTheLengthMustFitTheAlgorithm() {
    SignatureVerifier verifier =
        create(new Verification("hmac_sha256", "k", "X-Sig", "hex", "v1=", null, null));
    String hex = HexFormat.of().formatHex(hmac("HmacSHA256", "k", BODY));

    verifier.verify(json(Map.of("X-Sig", "v1=" + hex)), clock.now());
    assertRejected(
        () -> verifier.verify(json(Map.of("X-Sig", hex)), clock.now()),
        "malformed_header",
        "malformed X-Sig: value does not start with 'v1='");
    String sha1 = HexFormat.of().formatHex(hmac("HmacSHA1", "k", BODY));
    assertRejected(
        () -> verifier.verify(json(Map.of("X-Sig", "v1=" + sha1)), clock.now()),
        "malformed_header",
        "signature has 20 bytes, expected 32");
  }

  @Test
  void genericHmacWithATimestampHeaderSignsTimestampDotBodyBothWays() {
    SignatureVerifier verifier =
        create(new Verification("hmac_sha1", "k", "X-Sig", "base64", null, "X-Timestamp", 30));
    String ts = Long.toString(clock.now().getEpochSecond());
    String sig = Base64.getEncoder().encodeToString(hmac("HmacSHA1", "k", ts + "." + BODY));
    IngestRequest request = json(Map.of("X-Sig", sig, "X-Timestamp", ts));

    verifier.verify(request, clock.now().minusSeconds(30));
    assertRejected(
        () -> verifier.verify(request, clock.now().minusSeconds(45)),
        "timestamp_outside_tolerance",
        "X-Timestamp is 45 s in the future, outside the tolerance of 30 s");
    assertRejected(
        () -> verifier.verify(TestRequests.withHeader(request, "X-Timestamp", null), clock.now()),
        "missing_header",
        "missing header X-Timestamp");
    assertRejected(
        () -> verifier.verify(TestRequests.withHeader(request, "X-Timestamp", "soon"), clock.now()),
        "malformed_header",
        "timestamp 'soon' is not Unix seconds");
  }

  @Test
  void theDocsHmacSha256WithStripeSignatureExampleVerifiesStripesRealHeader() throws Exception {
    // The seed's guide configures Stripe as hmac-sha256 + stripe-signature + whsec_ secret.
    Verification docsExample =
        new Verification(
            "hmac-sha256", "whsec_abc123def456", "stripe-signature", null, null, null, null);
    SignatureVerifier verifier = create(docsExample);
    String header =
        Webhook.Signature.generateSignatureHeader(
            BODY, "whsec_abc123def456", clock.now().getEpochSecond());

    verifier.verify(json(Map.of("Stripe-Signature", header)), clock.now());
    assertThat(verifier.type()).isEqualTo(VerificationType.STRIPE);
  }

  @Test
  void stripeAcceptsAnyV1DuringARotationAndIgnoresV0() throws Exception {
    SignatureVerifier verifier =
        create(SourceTemplates.verification("stripe", "whsec_new").orElseThrow());
    long t = clock.now().getEpochSecond();
    String current = Webhook.Signature.generateSignatureHeader(BODY, "whsec_new", t);
    String old = Webhook.Signature.generateSignatureHeader(BODY, "whsec_old", t);
    String both = old + "," + current.substring(current.indexOf("v1=")) + ",v0=abc";

    verifier.verify(json(Map.of("Stripe-Signature", both)), clock.now());
    assertRejected(
        () -> verifier.verify(json(Map.of("Stripe-Signature", old)), clock.now()),
        "signature_mismatch",
        "signature mismatch in Stripe-Signature");
    assertRejected(
        () -> verifier.verify(json(Map.of("Stripe-Signature", "t=" + t + ",v0=abc")), clock.now()),
        "malformed_header",
        "no v1= signature");
  }

  @Test
  void twilioJsonBodiesAreCheckedThroughTheSignedBodySha256() throws Exception {
    String hash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY.getBytes(UTF_8)));
    String url = ProviderCase.URL + "?bodySHA256=" + hash;
    String sig = ProviderCases.twilioSignature("token", url, Map.of());
    IngestRequest request = post(url, "application/json", BODY, Map.of("X-Twilio-Signature", sig));
    assertThat(new RequestValidator("token").validate(url, BODY, sig)).isTrue();
    SignatureVerifier verifier =
        create(SourceTemplates.verification("twilio", "token").orElseThrow());

    verifier.verify(request, clock.now());
    assertRejected(
        () -> verifier.verify(TestRequests.withBody(request, BODY + " "), clock.now()),
        "signature_mismatch",
        "bodySHA256");
  }

  @Test
  void twilioNeedsTheRequestUrl() {
    SignatureVerifier verifier =
        create(SourceTemplates.verification("twilio", "token").orElseThrow());
    IngestRequest noUrl =
        IngestRequest.builder()
            .header("X-Twilio-Signature", Base64.getEncoder().encodeToString(new byte[20]))
            .build();

    assertRejected(
        () -> verifier.verify(noUrl, clock.now()), "malformed_header", "request URL: unknown");
  }

  @Test
  void linearNeedsWebhookTimestampInTheSignedBody() {
    SignatureVerifier verifier = create(SourceTemplates.verification("linear", "k").orElseThrow());
    IngestRequest noTimestamp =
        json(Map.of("Linear-Signature", HexFormat.of().formatHex(hmac("HmacSHA256", "k", BODY))));

    assertRejected(
        () -> verifier.verify(noTimestamp, clock.now()),
        "malformed_header",
        "malformed body field webhookTimestamp");
  }

  @Test
  void standardWebhooksRejectsATimestampTooFarInTheFuture() throws Exception {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    long future = clock.now().plus(Duration.ofMinutes(6)).getEpochSecond();
    String sig = new com.standardwebhooks.Webhook(secret).sign("msg_1", future, BODY);
    IngestRequest request =
        json(
            Map.of(
                "webhook-id",
                "msg_1",
                "webhook-timestamp",
                Long.toString(future),
                "webhook-signature",
                sig));
    SignatureVerifier verifier =
        create(new Verification("standard_webhooks", secret, null, null, null, null, null));

    assertRejected(
        () -> verifier.verify(request, clock.now()),
        "timestamp_outside_tolerance",
        "webhook-timestamp is 360 s in the future");
    assertRejected(
        () -> verifier.verify(TestRequests.withHeader(request, "webhook-id", null), clock.now()),
        "missing_header",
        "missing header webhook-id");
  }
}
