package io.hookstream.verify;

import io.hookstream.spi.store.SourceRecord.Verification;
import java.util.Objects;
import java.util.Optional;

/**
 * A pre-configured source for one webhook provider: the verification scheme and what it reads
 * (header, encoding, prefix, timestamp header, tolerance), a description, the provider's docs and
 * notes on where to find the secret. {@code verificationType} is null for a provider that does not
 * sign its webhooks (Postmark). Immutable.
 */
public record SourceTemplate(
    String id,
    String name,
    String verificationType,
    String header,
    String encoding,
    String prefix,
    String timestampHeader,
    Integer toleranceSeconds,
    String description,
    String docsUrl,
    String notes) {

  public SourceTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** True if the provider signs its webhooks, so {@link #verification} gives a value. */
  public boolean verifies() {
    return verificationType != null;
  }

  /**
   * The source verification for this provider with {@code secret} (for SendGrid: its public key),
   * or empty for a provider that does not sign. Validate it with {@link
   * SignatureVerifiers#validate} like any user input.
   */
  public Optional<Verification> verification(String secret) {
    return verification(secret, null);
  }

  /**
   * As {@link #verification(String)}, reading the signature from {@code header} instead of the
   * template's (for the Custom template, where the user names it); null keeps the template's.
   */
  public Optional<Verification> verification(String secret, String header) {
    if (verificationType == null) {
      return Optional.empty();
    }
    boolean generic =
        VerificationType.parse(verificationType)
            .map(t -> t == VerificationType.HMAC_SHA256 || t == VerificationType.HMAC_SHA1)
            .orElse(false);
    if (!generic) { // a provider scheme's wire format is fixed; only the secret varies
      return Optional.of(
          new Verification(verificationType, secret, header, null, null, null, null));
    }
    return Optional.of(
        new Verification(
            verificationType,
            secret,
            header != null ? header : this.header,
            encoding,
            prefix,
            timestampHeader,
            timestampHeader == null ? null : toleranceSeconds));
  }
}
