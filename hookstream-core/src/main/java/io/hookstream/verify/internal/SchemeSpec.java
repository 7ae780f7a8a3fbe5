package io.hookstream.verify.internal;

import io.hookstream.verify.SignatureVerifiers;
import io.hookstream.verify.VerificationType;
import java.util.List;

/**
 * The fixed wire format of a scheme that is not generic HMAC: the headers it reads, its encoding,
 * its signature prefix and its default tolerance in seconds (null when it signs no timestamp).
 * Overrides in a source's verification may only repeat these values.
 */
public record SchemeSpec(
    List<String> signatureHeaders,
    List<String> timestampHeaders,
    String encoding,
    String prefix,
    Integer defaultToleranceSeconds) {

  /** The default tolerance of timestamped schemes, and of generic HMAC with a timestamp header. */
  public static final int DEFAULT_TOLERANCE_SECONDS = SignatureVerifiers.DEFAULT_TOLERANCE_SECONDS;

  /** The spec of {@code type}, or null for the generic HMAC types, which are configurable. */
  public static SchemeSpec of(VerificationType type) {
    return switch (type) {
      case HMAC_SHA256, HMAC_SHA1 -> null;
      case STANDARD_WEBHOOKS ->
          new SchemeSpec(
              List.of(StandardWebhooksFormat.SIGNATURE, StandardWebhooksFormat.SVIX_SIGNATURE),
              List.of(StandardWebhooksFormat.TIMESTAMP, StandardWebhooksFormat.SVIX_TIMESTAMP),
              "base64",
              "v1,",
              DEFAULT_TOLERANCE_SECONDS);
      case STRIPE ->
          new SchemeSpec(
              List.of(VerifierFactory.STRIPE_HEADER),
              List.of(),
              "hex",
              null,
              DEFAULT_TOLERANCE_SECONDS);
      case SLACK ->
          new SchemeSpec(
              List.of(VerifierFactory.SLACK_HEADER),
              List.of(VerifierFactory.SLACK_TIMESTAMP_HEADER),
              "hex",
              VerifierFactory.SLACK_PREFIX,
              DEFAULT_TOLERANCE_SECONDS);
      case TWILIO ->
          new SchemeSpec(List.of(TwilioVerifier.HEADER), List.of(), "base64", null, null);
      case SENDGRID ->
          new SchemeSpec(
              List.of(SendGridVerifier.HEADER),
              List.of(SendGridVerifier.TIMESTAMP_HEADER),
              "base64",
              null,
              DEFAULT_TOLERANCE_SECONDS);
      // Paddle's SDKs reject a ts more than 5 seconds away.
      case PADDLE ->
          new SchemeSpec(List.of(VerifierFactory.PADDLE_HEADER), List.of(), "hex", null, 5);
      // Linear's docs and SDK: webhookTimestamp within one minute.
      case LINEAR -> new SchemeSpec(List.of(LinearVerifier.HEADER), List.of(), "hex", null, 60);
    };
  }

  /** True if the scheme signs a timestamp, so a tolerance applies. */
  public boolean timestamped() {
    return defaultToleranceSeconds != null;
  }
}
