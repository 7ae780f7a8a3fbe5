package io.hookstream.verify;

import java.util.Locale;
import java.util.Optional;

/**
 * The signature schemes a source can verify, each with its canonical API spelling. {@link #parse}
 * also accepts the spellings the documentation uses elsewhere: any case, and {@code -} for {@code
 * _} ({@code HMAC-SHA256}, {@code hmac-sha1}, {@code standard-webhooks}).
 */
public enum VerificationType {
  /** HMAC-SHA256 of the body (optionally {@code timestamp.body}) in a configurable header. */
  HMAC_SHA256("hmac_sha256"),
  /** HMAC-SHA1 of the body (optionally {@code timestamp.body}) in a configurable header. */
  HMAC_SHA1("hmac_sha1"),
  /** The Standard Webhooks spec, with {@code webhook-*} or {@code svix-*} headers. */
  STANDARD_WEBHOOKS("standard_webhooks"),
  /** Stripe's {@code Stripe-Signature: t=..,v1=..} over {@code t.body}. */
  STRIPE("stripe"),
  /** Slack's {@code X-Slack-Signature: v0=..} over {@code v0:timestamp:body}. */
  SLACK("slack"),
  /** Twilio's {@code X-Twilio-Signature}: HMAC-SHA1 of the URL and sorted form parameters. */
  TWILIO("twilio"),
  /** SendGrid's Event Webhook: ECDSA P-256 over {@code timestamp + body}. */
  SENDGRID("sendgrid"),
  /** Paddle Billing's {@code Paddle-Signature: ts=..;h1=..} over {@code ts:body}. */
  PADDLE("paddle"),
  /** Linear's {@code Linear-Signature} plus the {@code webhookTimestamp} body field. */
  LINEAR("linear");

  private final String canonicalName;

  VerificationType(String canonicalName) {
    this.canonicalName = canonicalName;
  }

  /** The spelling the API answers with, such as {@code hmac_sha256}. */
  public String canonicalName() {
    return canonicalName;
  }

  /** The type named by {@code name} in any accepted spelling, or empty if unknown or null. */
  public static Optional<VerificationType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (VerificationType type : values()) {
      if (type.canonicalName.equals(normalized)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return canonicalName;
  }
}
