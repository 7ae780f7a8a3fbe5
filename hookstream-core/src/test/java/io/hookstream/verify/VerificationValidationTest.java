package io.hookstream.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Write-time validation: every bad setting is a field error named as the API names it. */
class VerificationValidationTest {

  private static Verification v(String type, String secret) {
    return new Verification(type, secret, null, null, null, null, null);
  }

  private static List<FieldError> validate(Verification v) {
    return SignatureVerifiers.validate(v);
  }

  @ParameterizedTest
  @CsvSource({
    "hmac_sha256, hmac_sha256", "hmac-sha256, hmac_sha256", "HMAC-SHA256, hmac_sha256",
    "hmac-sha1, hmac_sha1", "HMAC_SHA1, hmac_sha1", "standard-webhooks, standard_webhooks",
    "Standard_Webhooks, standard_webhooks", "stripe, stripe", "SendGrid, sendgrid"
  })
  void acceptsEverySpellingAndAnswersTheCanonicalOne(String given, String canonical) {
    assertThat(SignatureVerifiers.canonicalType(given)).contains(canonical);
  }

  @Test
  void unknownTypeAndMissingSecretAreBothReported() {
    assertThat(validate(v("hmac_md5", " ")))
        .extracting(FieldError::field)
        .containsExactly("verification_type", "verification_secret");
    assertThat(validate(v("hmac_md5", "s")).get(0).message())
        .contains("unknown verification type 'hmac_md5'", "hmac_sha256", "standard_webhooks");
    assertThat(validate(v(null, "s")))
        .extracting(FieldError::field)
        .containsExactly("verification_type");
  }

  @Test
  void genericOverridesAreChecked() {
    Verification bad =
        new Verification("hmac_sha256", "s", "X Bad Header", "base32", "has space", "X-Ts\n", 0);
    assertThat(validate(bad))
        .extracting(FieldError::field)
        .containsExactly(
            "verification_header",
            "verification_timestamp_header",
            "verification_encoding",
            "verification_prefix",
            "verification_tolerance_seconds");
  }

  @Test
  void toleranceNeedsATimestampAndARange() {
    assertThat(validate(new Verification("hmac_sha1", "s", null, null, null, null, 60)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("verification_tolerance_seconds");
              assertThat(e.message()).contains("verification_timestamp_header");
            });
    assertThat(validate(new Verification("stripe", "whsec_x", null, null, null, null, 86_401)))
        .extracting(FieldError::message)
        .containsExactly("must be between 1 and 86400 seconds");
    assertThat(validate(new Verification("twilio", "token", null, null, null, null, 300)))
        .extracting(FieldError::message)
        .containsExactly("the twilio scheme signs no timestamp, so no tolerance applies");
  }

  @Test
  void providerSchemesOnlyAcceptTheirOwnWireFormat() {
    assertThat(
            validate(
                new Verification(
                    "slack",
                    "s",
                    "x-slack-signature",
                    "HEX",
                    "v0=",
                    "X-Slack-Request-Timestamp",
                    120)))
        .isEmpty();
    assertThat(validate(new Verification("slack", "s", "X-Other", "base64", "v1=", "X-Ts", null)))
        .extracting(FieldError::toString)
        .containsExactly(
            "verification_header: the slack scheme reads X-Slack-Signature",
            "verification_timestamp_header: the slack scheme reads X-Slack-Request-Timestamp",
            "verification_encoding: the slack scheme always uses hex",
            "verification_prefix: the slack scheme always uses the prefix v0=");
  }

  @Test
  void standardWebhooksSecretMustBeWhsecBase64() {
    assertThat(validate(v("standard_webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
        .isEmpty();
    assertThat(validate(v("standard_webhooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))).isEmpty();
    assertThat(validate(v("standard_webhooks", "whsec_not*base64!")))
        .extracting(FieldError::field)
        .containsExactly("verification_secret");
    assertThat(validate(v("standard_webhooks", "whsec_")))
        .extracting(FieldError::message)
        .singleElement()
        .asString()
        .contains("whsec_");
  }

  @Test
  void sendGridSecretMustBeAP256PublicKey() throws Exception {
    assertThat(validate(v("sendgrid", key("secp256r1")))).isEmpty();
    assertThat(validate(v("sendgrid", key("secp384r1"))))
        .extracting(FieldError::message)
        .containsExactly("must be an ECDSA P-256 public key");
    assertThat(validate(v("sendgrid", "SG.not-a-key")))
        .extracting(FieldError::field)
        .containsExactly("verification_secret");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String rsaKey =
        Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
    assertThat(validate(v("sendgrid", rsaKey)))
        .extracting(FieldError::field)
        .containsExactly("verification_secret");
  }

  @Test
  void createRefusesWhatValidateRejectsWith422() {
    assertThatThrownBy(() -> SignatureVerifiers.create(v("hmac_sha256", "")))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.fieldErrors())
                  .extracting(FieldError::field)
                  .containsExactly("verification_secret");
            });
  }

  @Test
  void everyTemplateWithASecretValidates() throws Exception {
    for (SourceTemplate t : SourceTemplates.list()) {
      String secret =
          switch (t.id()) {
            case "sendgrid" -> key("secp256r1");
            case "clerk", "svix", "resend" -> "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
            default -> "secret";
          };
      t.verification(secret).ifPresent(v -> assertThat(validate(v)).as(t.id()).isEmpty());
    }
  }

  private static String key(String curve) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec(curve));
    return Base64.getEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded());
  }
}
