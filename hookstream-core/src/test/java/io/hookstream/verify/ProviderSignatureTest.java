package io.hookstream.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every template (and plain Standard Webhooks): a request signed as the provider signs it, with
 * its official library where one exists, is accepted by us and by that library; a tampered body, a
 * wrong secret, a stale timestamp, a missing and a malformed header are each rejected with a 401
 * that says which check failed.
 */
class ProviderSignatureTest {

  // Near the real time, so libraries that read the system clock (Svix) agree with ours.
  private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  static List<ProviderCase> cases() {
    return ProviderCases.all();
  }

  private static SignatureVerifier verifier(ProviderCase p, String secret) {
    assertThat(SignatureVerifiers.validate(p.verification(secret))).isEmpty();
    return SignatureVerifiers.create(p.verification(secret));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void acceptsWhatTheProviderSendsAndItsLibraryAgrees(ProviderCase p) throws Exception {
    IngestRequest signed = p.sign(p.secret(), clock.now());

    verifier(p, p.secret()).verify(signed, clock.now());
    p.assertOfficialAccepts(signed, p.secret(), clock.now());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsATamperedBody(ProviderCase p) throws Exception {
    IngestRequest tampered = p.tamper(p.sign(p.secret(), clock.now()));

    assertRejected(
        () -> verifier(p, p.secret()).verify(tampered, clock.now()),
        "signature_mismatch",
        "signature mismatch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsASignatureMadeWithAnotherSecret(ProviderCase p) throws Exception {
    IngestRequest signed = p.sign(p.wrongSecret(), clock.now());

    assertRejected(
        () -> verifier(p, p.secret()).verify(signed, clock.now()),
        "signature_mismatch",
        "signature mismatch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsAReplayOutsideTheToleranceButNotInside(ProviderCase p) throws Exception {
    if (p.tolerance() == null) {
      return; // the provider signs no timestamp: nothing to go stale
    }
    Instant signedAt = clock.now();
    IngestRequest signed = p.sign(p.secret(), signedAt);
    SignatureVerifier verifier = verifier(p, p.secret());

    clock.advance(p.tolerance());
    verifier.verify(signed, clock.now()); // exactly at the edge: still accepted
    clock.advance(Duration.ofSeconds(1));
    assertRejected(
        () -> verifier.verify(signed, clock.now()),
        "timestamp_outside_tolerance",
        (p.tolerance().toSeconds() + 1) + " s old");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesAMissingSignatureHeader(ProviderCase p) throws Exception {
    IngestRequest unsigned =
        TestRequests.withHeader(p.sign(p.secret(), clock.now()), p.signatureHeader(), null);

    assertRejected(
        () -> verifier(p, p.secret()).verify(unsigned, clock.now()),
        "missing_header",
        "missing header " + p.signatureHeader());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsAMalformedSignatureHeader(ProviderCase p) throws Exception {
    IngestRequest malformed =
        TestRequests.withHeader(
            p.sign(p.secret(), clock.now()), p.signatureHeader(), p.malformedValue());

    assertRejected(
        () -> verifier(p, p.secret()).verify(malformed, clock.now()),
        "malformed_header",
        "malformed " + p.signatureHeader());
  }

  static void assertRejected(ThrowingCallable call, String failure, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
              assertThat(e.details()).containsEntry("verification_failure", failure);
            })
        .hasMessageStartingWith("signature verification failed: ")
        .hasMessageContaining(messagePart);
  }
}
