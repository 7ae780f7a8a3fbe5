package io.hookstream.verify;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.time.Duration;
import java.time.Instant;

/**
 * One provider as the signature tests see it: how it signs a request (with its official library
 * where one exists), how that library verifies it, and what to break.
 */
abstract class ProviderCase {

  static final String URL =
      "https://hooks.example.com/v1/ingest/src_0123456789abcdef0123456789abcdef";

  private final String name;

  ProviderCase(String name) {
    this.name = name;
  }

  /** The verification a source of this provider stores. */
  Verification verification(String secret) {
    return SourceTemplates.verification(name, secret).orElseThrow();
  }

  abstract String secret();

  /** Another valid secret of the same kind. */
  abstract String wrongSecret();

  /** A request as the provider sends it, signed with {@code secret} at {@code at}. */
  abstract IngestRequest sign(String secret, Instant at) throws Exception;

  /** Asserts that the provider's own verifier accepts {@code request}; no-op if it has none. */
  void assertOfficialAccepts(IngestRequest request, String secret, Instant at) throws Exception {}

  /** The header whose absence must be reported by name. */
  abstract String signatureHeader();

  /** A value of {@link #signatureHeader()} that cannot be parsed. */
  abstract String malformedValue();

  /** The replay tolerance, or null if the scheme signs no timestamp. */
  Duration tolerance() {
    return null;
  }

  /** A request whose body differs from what was signed (the amount 2000 becomes 9000). */
  IngestRequest tamper(IngestRequest signed) {
    return TestRequests.withBody(signed, TestRequests.body(signed).replace("2000", "9000"));
  }

  @Override
  public String toString() {
    return name;
  }
}
