package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.SignatureVerifiers;
import io.hookstream.verify.VerificationType;
import java.time.Duration;
import java.util.List;

/** Compiles a validated {@link Verification} into the verifier of its scheme. */
public final class VerifierFactory {

  static final String STRIPE_HEADER = "Stripe-Signature";
  static final String SLACK_HEADER = "X-Slack-Signature";
  static final String SLACK_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final String SLACK_PREFIX = "v0=";
  static final String PADDLE_HEADER = "Paddle-Signature";

  private VerifierFactory() {}

  /**
   * The scheme that really applies: a generic HMAC type naming a provider header whose signature is
   * never a plain HMAC of the body (as the docs' {@code hmac-sha256} + {@code stripe-signature}
   * example does) is verified with that provider's scheme.
   */
  public static VerificationType effectiveType(VerificationType declared, String header) {
    if (header == null) {
      return declared;
    }
    String h = header.trim();
    if (declared == VerificationType.HMAC_SHA256) {
      if (h.equalsIgnoreCase(STRIPE_HEADER)) {
        return VerificationType.STRIPE;
      } else if (h.equalsIgnoreCase(SLACK_HEADER)) {
        return VerificationType.SLACK;
      } else if (h.equalsIgnoreCase(PADDLE_HEADER)) {
        return VerificationType.PADDLE;
      }
    } else if (declared == VerificationType.HMAC_SHA1
        && h.equalsIgnoreCase(TwilioVerifier.HEADER)) {
      return VerificationType.TWILIO;
    }
    return declared;
  }

  /** Validates and compiles {@code v}; a 422 naming the fields if it is invalid. */
  public static SignatureVerifier create(Verification v) {
    List<FieldError> errors = VerificationValidator.validate(v);
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
    VerificationType type =
        effectiveType(VerificationType.parse(v.type()).orElseThrow(), v.header());
    byte[] text = v.secret().getBytes(UTF_8);
    SchemeSpec spec = SchemeSpec.of(type);
    Duration tolerance =
        spec != null && spec.timestamped()
            ? Duration.ofSeconds(
                v.toleranceSeconds() != null
                    ? v.toleranceSeconds()
                    : spec.defaultToleranceSeconds())
            : null;
    return switch (type) {
      case HMAC_SHA256 -> generic(type, new Hmac("HmacSHA256", text), v);
      case HMAC_SHA1 -> generic(type, new Hmac("HmacSHA1", text), v);
      case STANDARD_WEBHOOKS ->
          new HmacVerifier(
              type,
              new Hmac("HmacSHA256", Secrets.standardWebhooksKey(v.secret())),
              new StandardWebhooksFormat(),
              tolerance);
      case STRIPE ->
          new HmacVerifier(
              type,
              new Hmac("HmacSHA256", text),
              new KeyValueHeaderFormat(STRIPE_HEADER, ',', "t", "v1", "."),
              tolerance);
      case PADDLE ->
          new HmacVerifier(
              type,
              new Hmac("HmacSHA256", text),
              new KeyValueHeaderFormat(PADDLE_HEADER, ';', "ts", "h1", ":"),
              tolerance);
      case SLACK ->
          new HmacVerifier(
              type,
              new Hmac("HmacSHA256", text),
              new SingleHeaderFormat(
                  SLACK_HEADER, SLACK_PREFIX, Encoding.HEX, 32, SLACK_TIMESTAMP_HEADER, "v0:", ":"),
              tolerance);
      case LINEAR -> new LinearVerifier(new Hmac("HmacSHA256", text), tolerance);
      case TWILIO -> new TwilioVerifier(new Hmac("HmacSHA1", text));
      case SENDGRID -> new SendGridVerifier(Secrets.sendGridKey(v.secret()), tolerance);
    };
  }

  private static SignatureVerifier generic(VerificationType type, Hmac hmac, Verification v) {
    String header = v.header() != null ? v.header().trim() : SignatureVerifiers.DEFAULT_HMAC_HEADER;
    String timestampHeader = v.timestampHeader() == null ? null : v.timestampHeader().trim();
    Duration tolerance =
        timestampHeader == null
            ? null
            : Duration.ofSeconds(
                v.toleranceSeconds() != null
                    ? v.toleranceSeconds()
                    : SchemeSpec.DEFAULT_TOLERANCE_SECONDS);
    SignatureFormat format =
        new SingleHeaderFormat(
            header,
            v.prefix(),
            Encoding.parse(v.encoding()).orElse(null),
            hmac.length(),
            timestampHeader,
            "",
            ".");
    return new HmacVerifier(type, hmac, format, tolerance);
  }
}
