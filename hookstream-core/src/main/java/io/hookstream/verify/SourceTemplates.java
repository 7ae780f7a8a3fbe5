package io.hookstream.verify;

import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.internal.SchemeSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 15 source templates: Stripe, Shopify, GitHub, Slack, Twilio, SendGrid, Intercom, Linear,
 * Clerk, Svix, Paddle, Resend, Postmark, Typeform and Custom. Each verifies what that provider
 * really sends, per its own documentation. Stateless and thread-safe.
 */
public final class SourceTemplates {

  private static final List<SourceTemplate> ALL =
      List.of(
          provider(
              "stripe",
              "Stripe",
              VerificationType.STRIPE,
              "Receive Stripe webhook events with Stripe-Signature (HMAC-SHA256 over t.body) verification.",
              "https://docs.stripe.com/webhooks#verify-manually",
              "Secret: the endpoint's signing secret (whsec_...), used as-is. The timestamp is the t= item"
                  + " of Stripe-Signature; several v1= signatures may be sent while a secret rolls."),
          generic(
              "shopify",
              "Shopify",
              VerificationType.HMAC_SHA256,
              "X-Shopify-Hmac-Sha256",
              "base64",
              null,
              "Receive Shopify webhooks with X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256) verification.",
              "https://shopify.dev/docs/apps/build/webhooks/subscribe/https",
              "Secret: the app's client secret (or the store's webhook signing secret). No timestamp"
                  + " is signed; dedupe on X-Shopify-Webhook-Id."),
          generic(
              "github",
              "GitHub",
              VerificationType.HMAC_SHA256,
              "X-Hub-Signature-256",
              "hex",
              "sha256=",
              "Receive GitHub webhook events with HMAC-SHA256 signature verification.",
              "https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
              "Secret: the webhook's secret. No timestamp is signed; dedupe on X-GitHub-Delivery."),
          provider(
              "slack",
              "Slack",
              VerificationType.SLACK,
              "Receive Slack events with X-Slack-Signature (v0 HMAC-SHA256) verification.",
              "https://api.slack.com/authentication/verifying-requests-from-slack",
              "Secret: the app's Signing Secret (not the verification token). Signed content is"
                  + " v0:<X-Slack-Request-Timestamp>:<body>."),
          provider(
              "twilio",
              "Twilio",
              VerificationType.TWILIO,
              "Receive Twilio webhooks with X-Twilio-Signature (HMAC-SHA1 of URL and parameters).",
              "https://www.twilio.com/docs/usage/webhooks/webhooks-security",
              "Secret: the account's Auth Token. Twilio signs the full URL it called, so behind a proxy"
                  + " the host must give hookstream the public URL. No timestamp is signed."),
          provider(
              "sendgrid",
              "SendGrid",
              VerificationType.SENDGRID,
              "Receive SendGrid Event Webhooks with ECDSA P-256 signature verification.",
              "https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features",
              "Secret: the Event Webhook's verification key (base64 public key) from the Signed Event"
                  + " Webhook settings, not an API key."),
          generic(
              "intercom",
              "Intercom",
              VerificationType.HMAC_SHA1,
              "X-Hub-Signature",
              "hex",
              "sha1=",
              "Receive Intercom webhooks with X-Hub-Signature (HMAC-SHA1) verification.",
              "https://developers.intercom.com/docs/references/webhooks/webhook-models",
              "Secret: the app's client secret. No timestamp is signed."),
          provider(
              "linear",
              "Linear",
              VerificationType.LINEAR,
              "Receive Linear webhooks with Linear-Signature (HMAC-SHA256) and timestamp verification.",
              "https://linear.app/developers/webhooks",
              "Secret: the webhook's signing secret. The body's webhookTimestamp (Unix ms) must be"
                  + " within 60 s, as Linear recommends."),
          provider(
              "clerk",
              "Clerk",
              VerificationType.STANDARD_WEBHOOKS,
              "Receive Clerk webhooks (sent through Svix) with Standard Webhooks verification.",
              "https://clerk.com/docs/webhooks/overview",
              "Secret: the endpoint's Signing Secret (whsec_...). Headers svix-id, svix-timestamp,"
                  + " svix-signature."),
          provider(
              "svix",
              "Svix",
              VerificationType.STANDARD_WEBHOOKS,
              "Receive webhooks sent through Svix with Standard Webhooks verification.",
              "https://docs.svix.com/receiving/verifying-payloads/how-manual",
              "Secret: the endpoint's signing secret (whsec_...). Headers svix-* or webhook-*."),
          provider(
              "paddle",
              "Paddle",
              VerificationType.PADDLE,
              "Receive Paddle Billing webhooks with Paddle-Signature (HMAC-SHA256) verification.",
              "https://developer.paddle.com/webhooks/signature-verification",
              "Secret: the notification destination's endpoint secret key (pdl_ntfset_...). Paddle"
                  + " Classic (p_signature in the body) is not supported. Tolerance 5 s, as Paddle's"
                  + " SDKs use."),
          provider(
              "resend",
              "Resend",
              VerificationType.STANDARD_WEBHOOKS,
              "Receive Resend webhooks (sent through Svix) with Standard Webhooks verification.",
              "https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests",
              "Secret: the webhook's signing secret (whsec_...). Headers svix-id, svix-timestamp,"
                  + " svix-signature."),
          new SourceTemplate(
              "postmark",
              "Postmark",
              null,
              null,
              null,
              null,
              null,
              null,
              "Receive Postmark webhooks. Postmark does not sign webhooks.",
              "https://postmarkapp.com/developer/webhooks/webhooks-overview",
              "Postmark sends no signature. Restrict the source with an IP allowlist of Postmark's"
                  + " webhook IPs (https://postmarkapp.com/support/article/800-ips-for-firewalls), or"
                  + " put basic-auth credentials in the webhook URL and have the host check them."),
          generic(
              "typeform",
              "Typeform",
              VerificationType.HMAC_SHA256,
              "Typeform-Signature",
              "base64",
              "sha256=",
              "Receive Typeform responses with Typeform-Signature (base64 HMAC-SHA256) verification.",
              "https://www.typeform.com/developers/webhooks/secure-your-webhooks/",
              "Secret: the secret set on the form's webhook. No timestamp is signed."),
          generic(
              "custom",
              "Custom",
              VerificationType.HMAC_SHA256,
              SignatureVerifiers.DEFAULT_HMAC_HEADER,
              null,
              null,
              "Receive webhooks from any sender that signs the body with HMAC-SHA256.",
              "https://www.standardwebhooks.com",
              "Choose the header the sender uses; hex or base64 is detected, and a sha256= prefix is"
                  + " stripped. Senders that follow Standard Webhooks should use the Svix template."));

  private SourceTemplates() {}

  /** All templates, in the documented order. */
  public static List<SourceTemplate> list() {
    return ALL;
  }

  /** The template with {@code id} (any case), or empty. */
  public static Optional<SourceTemplate> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(t -> t.id().equals(wanted)).findFirst();
  }

  /**
   * The verification of template {@code id} with {@code secret}; empty if the template does not
   * exist or its provider does not sign (Postmark).
   */
  public static Optional<Verification> verification(String id, String secret) {
    return find(id).flatMap(t -> t.verification(secret));
  }

  private static SourceTemplate provider(
      String id,
      String name,
      VerificationType type,
      String description,
      String docsUrl,
      String notes) {
    SchemeSpec spec = SchemeSpec.of(type);
    return new SourceTemplate(
        id,
        name,
        type.canonicalName(),
        String.join(" or ", spec.signatureHeaders()),
        spec.encoding(),
        spec.prefix(),
        spec.timestampHeaders().isEmpty() ? null : String.join(" or ", spec.timestampHeaders()),
        spec.defaultToleranceSeconds(),
        description,
        docsUrl,
        notes);
  }

  private static SourceTemplate generic(
      String id,
      String name,
      VerificationType type,
      String header,
      String encoding,
      String prefix,
      String description,
      String docsUrl,
      String notes) {
    return new SourceTemplate(
        id,
        name,
        type.canonicalName(),
        header,
        encoding,
        prefix,
        null,
        null,
        description,
        docsUrl,
        notes);
  }
}
