package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.Source;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Templates and verification through the engine: create from a template, ingest, reject. */
class SignedIngestTest {

  // GitHub's documented example: this secret and payload give this signature.
  private static final String SECRET = "It's a Secret to Everybody";
  private static final String PAYLOAD = "Hello, World!";
  private static final String SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private final ManualClock clock = new ManualClock();
  private Hookstream hs;
  private Scope scope;

  @BeforeEach
  void setUp() {
    hs = TestEngine.start(clock);
    scope = TestEngine.newScope(hs);
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  @Test
  void aTemplateNeedsOnlyItsIdAndTheSecret() {
    Source source =
        hs.sources()
            .create(
                scope,
                SourceSpec.builder()
                    .name("GitHub")
                    .template("GitHub")
                    .verificationSecret(SECRET)
                    .build());
    assertThat(source.template()).isEqualTo("github");
    assertThat(source.verification().header()).isEqualToIgnoringCase("X-Hub-Signature-256");

    String id =
        hs.ingest(
                source.id(),
                IngestRequest.builder()
                    .header("X-Hub-Signature-256", SIGNATURE)
                    .body(PAYLOAD.getBytes(StandardCharsets.UTF_8))
                    .build())
            .eventId();
    assertThat(hs.events().require(scope, id).verificationStatus()).isEqualTo("verified");
  }

  @Test
  void aBadSignatureIs401AndNothingIsStored() {
    Source source =
        hs.sources()
            .create(
                scope,
                SourceSpec.builder()
                    .name("GitHub")
                    .template("github")
                    .verificationSecret(SECRET)
                    .build());
    assertThatThrownBy(
            () ->
                hs.ingest(
                    source.id(),
                    IngestRequest.builder()
                        .header("X-Hub-Signature-256", SIGNATURE)
                        .body("Hello, World?".getBytes(StandardCharsets.UTF_8))
                        .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
              assertThat(e.getMessage()).contains("mismatch");
            });
    assertThatThrownBy(() -> hs.ingest(source.id(), IngestRequest.json("{}")))
        .hasMessageContaining("X-Hub-Signature-256");
    assertThat(hs.sources().eventCount(scope, source.id())).isZero();
  }

  @Test
  void settingsAreCheckedAtWriteTimeWithTheFieldNamed() {
    assertThatThrownBy(
            () ->
                hs.sources().create(scope, SourceSpec.builder().name("x").template("nope").build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> assertThat(e.fieldErrors()).extracting(FieldError::field).contains("template"));
    assertThatThrownBy(
            () ->
                hs.sources()
                    .create(
                        scope,
                        SourceSpec.builder()
                            .name("x")
                            .verificationType("md5")
                            .verificationSecret("s")
                            .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .contains("verification_type"));
    Source hmac =
        hs.sources()
            .create(
                scope,
                SourceSpec.builder()
                    .name("x")
                    .verificationType("HMAC-SHA256")
                    .verificationSecret("s")
                    .build());
    assertThat(hmac.verification().type()).as("canonical spelling").isEqualTo("hmac_sha256");
  }
}
