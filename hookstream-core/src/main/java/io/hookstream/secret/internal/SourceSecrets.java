package io.hookstream.secret.internal;

import io.hookstream.spi.SecretMasking;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRecord.Verification;
import java.util.function.UnaryOperator;

/**
 * The secret of a source is its verification secret: encrypted in the stored record, plaintext
 * where the engine verifies signatures, masked in every read. Thread-safe.
 */
public final class SourceSecrets {

  private final SecretCipher cipher;

  public SourceSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** The record as it is stored: secret encrypted. */
  public SourceRecord seal(SourceRecord plain) {
    return withSecret(plain, cipher::seal, 0);
  }

  /** The stored record re-encrypted under the primary key, one version on (for the re-encrypt). */
  public SourceRecord reseal(SourceRecord stored) {
    return withSecret(stored, v -> cipher.seal(cipher.open(v)), 1);
  }

  /** The stored record with its secret decrypted. */
  public SourceRecord open(SourceRecord stored) {
    return withSecret(stored, cipher::open, 0);
  }

  /** A plaintext record as callers see it: secret masked. */
  public static SourceRecord mask(SourceRecord plain) {
    return withSecret(plain, SecretMasking::mask, 0);
  }

  /** Whether the stored record's secret is already under the primary key. */
  public boolean current(SourceRecord stored) {
    return stored.verification() == null || cipher.current(stored.verification().secret());
  }

  /**
   * The secret to store when a caller sends {@code incoming}: a masked value that equals the
   * current secret's mask means "unchanged" (a read sent back), so the current secret stays.
   */
  public static String restoreMasked(String incoming, String current) {
    return incoming != null
            && current != null
            && incoming.startsWith(SecretMasking.MASK)
            && incoming.equals(SecretMasking.mask(current))
        ? current
        : incoming;
  }

  private static SourceRecord withSecret(SourceRecord s, UnaryOperator<String> f, int bump) {
    Verification v = s.verification();
    if (v == null || v.secret() == null) {
      return s;
    }
    Verification changed =
        new Verification(
            v.type(),
            f.apply(v.secret()),
            v.header(),
            v.encoding(),
            v.prefix(),
            v.timestampHeader(),
            v.toleranceSeconds());
    return new SourceRecord(
        s.id(),
        s.orgId(),
        s.envId(),
        s.name(),
        s.slug(),
        s.description(),
        s.template(),
        changed,
        s.ipAllowlist(),
        s.ipDenylist(),
        s.dedup(),
        s.schema(),
        s.version() + bump,
        s.createdAt(),
        s.updatedAt(),
        s.deletedAt());
  }
}
