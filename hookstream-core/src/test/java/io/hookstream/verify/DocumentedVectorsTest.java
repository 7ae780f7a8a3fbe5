package io.hookstream.verify;

import static io.hookstream.verify.ProviderSignatureTest.assertRejected;
import static io.hookstream.verify.TestRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples the providers publish (secret, content, expected signature), verified through the
 * templates: these pin our reading of each scheme to the provider's own numbers.
 */
class DocumentedVectorsTest {

  private static SignatureVerifier template(String id, String secret) {
    return SignatureVerifiers.create(SourceTemplates.verification(id, secret).orElseThrow());
  }

  @Test
  void gitHubValidatingWebhookDeliveriesExample() {
    IngestRequest request =
        post(
            ProviderCase.URL,
            "application/json",
            "Hello, World!",
            Map.of(
                "X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

    template("github", "It's a Secret to Everybody").verify(request, Instant.now());
    assertRejected(
        () -> template("github", "It's a Secret to Nobody").verify(request, Instant.now()),
        "signature_mismatch",
        "X-Hub-Signature-256");
  }

  @Test
  void slackVerifyingRequestsExample() {
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
            + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    IngestRequest request =
        post(
            ProviderCase.URL,
            "application/x-www-form-urlencoded",
            body,
            Map.of(
                "X-Slack-Request-Timestamp", "1531420618",
                "X-Slack-Signature",
                    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"));
    SignatureVerifier slack = template("slack", "8f742231b10e8888abcd99yyyzzz85a5");

    slack.verify(request, Instant.ofEpochSecond(1531420618 + 60));
    assertRejected(
        () -> slack.verify(request, Instant.now()),
        "timestamp_outside_tolerance",
        "X-Slack-Request-Timestamp");
  }

  @Test
  void twilioWebhookSecurityExampleWithAndWithoutThePort() {
    String form =
        "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234"
            + "&From=%2B12349013030&To=%2B18005551212";
    Map<String, String> header = Map.of("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    SignatureVerifier twilio = template("twilio", "12345");

    twilio.verify(
        post(
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            "application/x-www-form-urlencoded",
            form,
            header),
        Instant.now());
    // Twilio may sign with or without the default port; its own validator accepts both.
    twilio.verify(
        post(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            "application/x-www-form-urlencoded",
            form,
            header),
        Instant.now());
    assertRejected(
        () ->
            twilio.verify(
                post(
                    "https://mycompany.com/myapp.php?foo=1&bar=3",
                    "application/x-www-form-urlencoded",
                    form,
                    header),
                Instant.now()),
        "signature_mismatch",
        "X-Twilio-Signature");
  }

  @Test
  void standardWebhooksReferenceVectorUnderBothHeaderFamilies() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    SignatureVerifier verifier =
        SignatureVerifiers.create(
            new Verification("standard_webhooks", secret, null, null, null, null, null));
    Instant at = Instant.ofEpochSecond(1614265330);

    for (String family : new String[] {"webhook", "svix"}) {
      IngestRequest request =
          post(
              ProviderCase.URL,
              "application/json",
              "{\"test\": 2432232314}",
              Map.of(
                  family + "-id",
                  "msg_p5jXN8AQM9LWM0D4loKWxJek",
                  family + "-timestamp",
                  "1614265330",
                  family + "-signature",
                  "v1,Zm9vYmFy " + signature)); // one stale key, one current
      verifier.verify(request, at);
    }
    assertThat(verifier.type()).isEqualTo(VerificationType.STANDARD_WEBHOOKS);
  }
}
