package io.hookstream.verify;

import static io.hookstream.verify.TestRequests.hmac;
import static io.hookstream.verify.TestRequests.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.twilio.security.RequestValidator;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Every provider the templates cover (Postmark signs nothing), plus plain Standard Webhooks. */
final class ProviderCases {

  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String ORDER =
      "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\",\"amount\":2000}}";

  private ProviderCases() {}

  static List<ProviderCase> all() {
    return List.of(
        stripe(),
        shopify(),
        github(),
        slack(),
        twilio(),
        sendGrid(),
        intercom(),
        linear(),
        svixBranded("clerk"),
        svixBranded("svix"),
        paddle(),
        svixBranded("resend"),
        typeform(),
        custom(),
        standardWebhooks());
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static ProviderCase stripe() {
    String event =
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.succeeded\","
            + "\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":2000}}}";
    return new ProviderCase("stripe") {
      String secret() {
        return "whsec_test_5Kc1Yb6mU0Hq3nQeW8vZ2xR4tP9sL7aD";
      }

      String wrongSecret() {
        return "whsec_test_another_endpoint_secret_0001";
      }

      String signatureHeader() {
        return "Stripe-Signature";
      }

      String malformedValue() {
        return "v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
      }

      Duration tolerance() {
        return Duration.ofSeconds(300);
      }

      IngestRequest sign(String secret, Instant at) throws Exception {
        String header =
            Webhook.Signature.generateSignatureHeader(event, secret, at.getEpochSecond());
        return post(URL, JSON, event, Map.of("Stripe-Signature", header));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) throws Exception {
        String header = r.header("Stripe-Signature").orElseThrow();
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        assertThat(Webhook.Signature.verifyHeader(event, header, secret, 300, clock)).isTrue();
        Event parsed = Webhook.constructEvent(event, header, secret, 300, clock);
        assertThat(parsed.getId()).isEqualTo("evt_1");
      }
    };
  }

  static ProviderCase shopify() {
    return new ProviderCase("shopify") {
      String secret() {
        return "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";
      }

      String wrongSecret() {
        return "shpss_00000000000000000000000000000000";
      }

      String signatureHeader() {
        return "X-Shopify-Hmac-Sha256";
      }

      String malformedValue() {
        return "not base64 at all!";
      }

      IngestRequest sign(String secret, Instant at) {
        // Shopify's docs: base64 HMAC-SHA256 of the raw body with the app's client secret.
        String sig = b64(hmac("HmacSHA256", secret, ORDER));
        return post(
            URL,
            JSON,
            ORDER,
            Map.of(
                "X-Shopify-Hmac-Sha256",
                sig,
                "X-Shopify-Topic",
                "orders/create",
                "X-Shopify-Webhook-Id",
                "b54557e4"));
      }
    };
  }

  static ProviderCase github() {
    return new ProviderCase("github") {
      String secret() {
        return "It's a Secret to Everybody";
      }

      String wrongSecret() {
        return "It's a secret to nobody";
      }

      String signatureHeader() {
        return "X-Hub-Signature-256";
      }

      String malformedValue() {
        return "sha256=zzzz";
      }

      IngestRequest sign(String secret, Instant at) {
        String sig = "sha256=" + hex(hmac("HmacSHA256", secret, ORDER));
        return post(
            URL,
            JSON,
            ORDER,
            Map.of(
                "X-Hub-Signature-256",
                sig,
                "X-GitHub-Event",
                "push",
                "X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
      }
    };
  }

  static ProviderCase slack() {
    return new ProviderCase("slack") {
      String secret() {
        return "8f742231b10e8888abcd99yyyzzz85a5";
      }

      String wrongSecret() {
        return "0000231b10e8888abcd99yyyzzz85a5";
      }

      String signatureHeader() {
        return "X-Slack-Signature";
      }

      String malformedValue() {
        return "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
      }

      Duration tolerance() {
        return Duration.ofMinutes(5);
      }

      IngestRequest sign(String secret, Instant at) {
        String ts = Long.toString(at.getEpochSecond());
        String sig = new SlackSignature.Generator(secret).generate(ts, ORDER);
        return post(
            URL, JSON, ORDER, Map.of("X-Slack-Signature", sig, "X-Slack-Request-Timestamp", ts));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) {
        SlackSignature.Verifier verifier =
            new SlackSignature.Verifier(new SlackSignature.Generator(secret));
        assertThat(
                verifier.isValid(
                    r.header("X-Slack-Request-Timestamp").orElseThrow(),
                    TestRequests.body(r),
                    r.header("X-Slack-Signature").orElseThrow(),
                    at.toEpochMilli()))
            .isTrue();
      }
    };
  }

  /** Twilio's documented algorithm: base64 HMAC-SHA1 of URL + sorted name+value pairs. */
  static String twilioSignature(String token, String url, Map<String, String> params) {
    StringBuilder content = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> content.append(k).append(v));
    return b64(hmac("HmacSHA1", token, content.toString()));
  }

  static ProviderCase twilio() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("From", "+14155550100");
    params.put("To", "+14155550111");
    params.put("Body", "Pay 2000 now & thanks");
    String form =
        "MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef"
            + "0123456789abcdef&From=%2B14155550100&To=%2B14155550111&Body=Pay+2000+now+%26+thanks";
    String url = ProviderCase.URL + "?tenant=acme";
    return new ProviderCase("twilio") {
      String secret() {
        return "9f2c0e8a7b6d5c4e3f2a1b0c9d8e7f6a";
      }

      String wrongSecret() {
        return "00000000000000000000000000000000";
      }

      String signatureHeader() {
        return "X-Twilio-Signature";
      }

      String malformedValue() {
        return "%%%";
      }

      IngestRequest sign(String secret, Instant at) {
        String sig = twilioSignature(secret, url, params);
        return post(url, FORM, form, Map.of("X-Twilio-Signature", sig));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) {
        assertThat(
                new RequestValidator(secret)
                    .validate(
                        url, new HashMap<>(params), r.header("X-Twilio-Signature").orElseThrow()))
            .isTrue();
      }
    };
  }

  static ProviderCase sendGrid() {
    KeyPair right = ecKeyPair();
    KeyPair other = ecKeyPair();
    Map<String, PrivateKey> privateKeys =
        Map.of(
            b64(right.getPublic().getEncoded()), right.getPrivate(),
            b64(other.getPublic().getEncoded()), other.getPrivate());
    String events = "[{\"email\":\"a@example.com\",\"event\":\"delivered\",\"amount\":2000}]";
    return new ProviderCase("sendgrid") {
      String secret() {
        return b64(right.getPublic().getEncoded());
      }

      String wrongSecret() {
        return b64(other.getPublic().getEncoded());
      }

      String signatureHeader() {
        return "X-Twilio-Email-Event-Webhook-Signature";
      }

      String malformedValue() {
        return b64("not a DER signature".getBytes(UTF_8));
      }

      Duration tolerance() {
        return Duration.ofSeconds(300);
      }

      IngestRequest sign(String secret, Instant at) throws Exception {
        String ts = Long.toString(at.getEpochSecond());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(privateKeys.get(secret));
        ecdsa.update((ts + events).getBytes(UTF_8));
        return post(
            URL,
            JSON,
            events,
            Map.of(
                "X-Twilio-Email-Event-Webhook-Signature",
                b64(ecdsa.sign()),
                "X-Twilio-Email-Event-Webhook-Timestamp",
                ts));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) throws Exception {
        if (Security.getProvider("BC") == null) {
          Security.addProvider(new BouncyCastleProvider()); // SendGrid's verifier asks for "BC"
        }
        com.sendgrid.helpers.eventwebhook.EventWebhook webhook =
            new com.sendgrid.helpers.eventwebhook.EventWebhook();
        ECPublicKey key = webhook.ConvertPublicKeyToECDSA(secret);
        assertThat(
                webhook.VerifySignature(
                    key,
                    TestRequests.body(r),
                    r.header("X-Twilio-Email-Event-Webhook-Signature").orElseThrow(),
                    r.header("X-Twilio-Email-Event-Webhook-Timestamp").orElseThrow()))
            .isTrue();
      }
    };
  }

  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static ProviderCase intercom() {
    return new ProviderCase("intercom") {
      String secret() {
        return "intercom_client_secret_7f3b";
      }

      String wrongSecret() {
        return "intercom_client_secret_0000";
      }

      String signatureHeader() {
        return "X-Hub-Signature";
      }

      String malformedValue() {
        return "sha256=" + "ab".repeat(20);
      }

      IngestRequest sign(String secret, Instant at) {
        String sig = "sha1=" + hex(hmac("HmacSHA1", secret, ORDER));
        return post(URL, JSON, ORDER, Map.of("X-Hub-Signature", sig));
      }
    };
  }

  static ProviderCase linear() {
    return new ProviderCase("linear") {
      String secret() {
        return "lin_wh_3f8a2c1d9e7b6a5f4e3d2c1b0a9f8e7d";
      }

      String wrongSecret() {
        return "lin_wh_00000000000000000000000000000000";
      }

      String signatureHeader() {
        return "Linear-Signature";
      }

      String malformedValue() {
        return "not-hex";
      }

      Duration tolerance() {
        return Duration.ofSeconds(60);
      }

      IngestRequest sign(String secret, Instant at) {
        String body =
            "{\"action\":\"create\",\"type\":\"Issue\",\"data\":{\"id\":\"iss_1\","
                + "\"estimate\":2000},\"webhookTimestamp\":"
                + at.toEpochMilli()
                + "}";
        return post(
            URL,
            JSON,
            body,
            Map.of(
                "Linear-Signature",
                hex(hmac("HmacSHA256", secret, body)),
                "Linear-Delivery",
                "234d1a4e-b617-4388-90fe-adc3633d6b72",
                "Linear-Event",
                "Issue"));
      }
    };
  }

  /** Clerk, Svix and Resend send through Svix: svix-* headers, signed by Svix's library. */
  static ProviderCase svixBranded(String template) {
    return new ProviderCase(template) {
      String secret() {
        return "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
      }

      String wrongSecret() {
        return "whsec_" + b64("another 24-byte secret!!".getBytes(UTF_8));
      }

      String signatureHeader() {
        return "svix-signature";
      }

      String malformedValue() {
        return "v2,abc";
      }

      Duration tolerance() {
        return Duration.ofMinutes(5);
      }

      IngestRequest sign(String secret, Instant at) throws Exception {
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        String sig = new com.svix.Webhook(secret).sign(id, at.getEpochSecond(), ORDER);
        return post(
            URL,
            JSON,
            ORDER,
            Map.of(
                "svix-id",
                id,
                "svix-timestamp",
                Long.toString(at.getEpochSecond()),
                "svix-signature",
                sig));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) throws Exception {
        new com.svix.Webhook(secret).verify(TestRequests.body(r), r.headers()); // throws if not
      }
    };
  }

  static ProviderCase paddle() {
    return new ProviderCase("paddle") {
      String secret() {
        return "pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI";
      }

      String wrongSecret() {
        return "pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_000000000000000000000000000";
      }

      String signatureHeader() {
        return "Paddle-Signature";
      }

      String malformedValue() {
        return "h1=eb4d0dc8853be92b7f063b9f3ba5233eb920a09459b6e6b2c26705b4364db151";
      }

      Duration tolerance() {
        return Duration.ofSeconds(5);
      }

      IngestRequest sign(String secret, Instant at) {
        // Paddle's docs: ts=<unix>;h1=<hex HMAC-SHA256 of "ts:body">.
        String ts = Long.toString(at.getEpochSecond());
        String h1 = hex(hmac("HmacSHA256", secret, ts + ":" + ORDER));
        return post(URL, JSON, ORDER, Map.of("Paddle-Signature", "ts=" + ts + ";h1=" + h1));
      }
    };
  }

  static ProviderCase typeform() {
    return new ProviderCase("typeform") {
      String secret() {
        return "typeform-webhook-secret";
      }

      String wrongSecret() {
        return "typeform-other-secret";
      }

      String signatureHeader() {
        return "Typeform-Signature";
      }

      String malformedValue() {
        return "b64-without-prefix";
      }

      IngestRequest sign(String secret, Instant at) {
        String sig = "sha256=" + b64(hmac("HmacSHA256", secret, ORDER));
        return post(URL, JSON, ORDER, Map.of("Typeform-Signature", sig));
      }
    };
  }

  static ProviderCase custom() {
    return new ProviderCase("custom") {
      Verification verification(String secret) {
        return SourceTemplates.find("custom")
            .orElseThrow()
            .verification(secret, "X-Acme-Signature")
            .orElseThrow();
      }

      String secret() {
        return "acme-shared-secret";
      }

      String wrongSecret() {
        return "acme-old-secret";
      }

      String signatureHeader() {
        return "X-Acme-Signature";
      }

      String malformedValue() {
        return "####";
      }

      IngestRequest sign(String secret, Instant at) {
        return post(
            URL, JSON, ORDER, Map.of("X-Acme-Signature", hex(hmac("HmacSHA256", secret, ORDER))));
      }
    };
  }

  /**
   * The standard_webhooks scheme with webhook-* headers, signed by the Standard Webhooks library.
   */
  static ProviderCase standardWebhooks() {
    return new ProviderCase("standard_webhooks") {
      Verification verification(String secret) {
        return new Verification("standard-webhooks", secret, null, null, null, null, null);
      }

      String secret() {
        return "whsec_" + b64("a 32-byte standard webhooks key!".getBytes(UTF_8));
      }

      String wrongSecret() {
        return "whsec_" + b64("another 32-byte key for the test".getBytes(UTF_8));
      }

      String signatureHeader() {
        return "webhook-signature";
      }

      String malformedValue() {
        return "v1a,ed25519signaturesarenotsupported";
      }

      Duration tolerance() {
        return Duration.ofMinutes(5);
      }

      IngestRequest sign(String secret, Instant at) throws Exception {
        String id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        String sig = new com.standardwebhooks.Webhook(secret).sign(id, at.getEpochSecond(), ORDER);
        return post(
            URL,
            JSON,
            ORDER,
            Map.of(
                "webhook-id",
                id,
                "webhook-timestamp",
                Long.toString(at.getEpochSecond()),
                "webhook-signature",
                sig));
      }

      void assertOfficialAccepts(IngestRequest r, String secret, Instant at) throws Exception {
        new com.standardwebhooks.Webhook(secret).verify(TestRequests.body(r), r.headers());
      }
    };
  }
}
