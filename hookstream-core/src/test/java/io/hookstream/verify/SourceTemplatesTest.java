package io.hookstream.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.SourceRecord.Verification;
import org.junit.jupiter.api.Test;

/** The template catalogue as the templates endpoint lists it. */
class SourceTemplatesTest {

  @Test
  void listsTheFifteenDocumentedProvidersInOrder() {
    assertThat(SourceTemplates.list())
        .extracting(SourceTemplate::name)
        .containsExactly(
            "Stripe",
            "Shopify",
            "GitHub",
            "Slack",
            "Twilio",
            "SendGrid",
            "Intercom",
            "Linear",
            "Clerk",
            "Svix",
            "Paddle",
            "Resend",
            "Postmark",
            "Typeform",
            "Custom");
    assertThat(SourceTemplates.list())
        .allSatisfy(
            t -> {
              assertThat(t.docsUrl()).startsWith("https://");
              assertThat(t.description()).isNotBlank();
              assertThat(t.notes()).isNotBlank();
              if (t.verifies()) {
                assertThat(SignatureVerifiers.canonicalType(t.verificationType()))
                    .contains(t.verificationType());
                assertThat(t.header()).isNotBlank();
              }
            });
  }

  @Test
  void findIgnoresCase() {
    assertThat(SourceTemplates.find("GitHub"))
        .map(SourceTemplate::header)
        .contains("X-Hub-Signature-256");
    assertThat(SourceTemplates.find("gitlab")).isEmpty();
    assertThat(SourceTemplates.find(null)).isEmpty();
  }

  @Test
  void postmarkSignsNothingAndSaysHowToProtectTheSource() {
    SourceTemplate postmark = SourceTemplates.find("postmark").orElseThrow();

    assertThat(postmark.verifies()).isFalse();
    assertThat(postmark.verification("anything")).isEmpty();
    assertThat(postmark.notes()).contains("IP allowlist", "basic-auth");
  }

  @Test
  void templatesCarryTheProviderWireFormat() {
    assertThat(SourceTemplates.find("stripe").orElseThrow())
        .satisfies(
            t -> {
              assertThat(t.verificationType()).isEqualTo("stripe");
              assertThat(t.header()).isEqualTo("Stripe-Signature");
              assertThat(t.toleranceSeconds()).isEqualTo(300);
            });
    assertThat(SourceTemplates.find("slack").orElseThrow().timestampHeader())
        .isEqualTo("X-Slack-Request-Timestamp");
    assertThat(SourceTemplates.find("paddle").orElseThrow().toleranceSeconds()).isEqualTo(5);
    assertThat(SourceTemplates.find("linear").orElseThrow().toleranceSeconds()).isEqualTo(60);
    assertThat(SourceTemplates.verification("typeform", "s"))
        .contains(
            new Verification(
                "hmac_sha256", "s", "Typeform-Signature", "base64", "sha256=", null, null));
    assertThat(SourceTemplates.verification("clerk", "whsec_x"))
        .contains(new Verification("standard_webhooks", "whsec_x", null, null, null, null, null));
  }
}
