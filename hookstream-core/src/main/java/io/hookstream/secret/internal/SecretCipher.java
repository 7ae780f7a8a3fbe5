package io.hookstream.secret.internal;

import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one secret value into the stored envelope {@code enc:v1:<key id>:<base64url(nonce |
 * ciphertext | tag)>} with AES-256-GCM, a random 96-bit nonce and {@code enc:v1:<key id>} as
 * associated data (so a ciphertext cannot be moved under another key id). A value without the
 * {@code enc:v1:} prefix is plaintext from an earlier version and reads as itself. Without keys
 * (plaintext mode) values are stored as given. Thread-safe.
 */
public final class SecretCipher {

  public static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeys keys;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(SecretKeys keys) {
    this.keys = keys;
  }

  /** A cipher with {@code keys}, or the plaintext one when {@code keys} is null. */
  public static SecretCipher of(SecretKeys keys) {
    return keys == null ? plaintext() : with(keys);
  }

  public static SecretCipher with(SecretKeys keys) {
    return new SecretCipher(Objects.requireNonNull(keys, "keys"));
  }

  /** Stores values as given: for an engine built without secret keys. */
  public static SecretCipher plaintext() {
    return new SecretCipher(null);
  }

  public boolean encrypts() {
    return keys != null;
  }

  /** The configured keys, or null in plaintext mode. */
  public SecretKeys keys() {
    return keys;
  }

  public static boolean sealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** The key id of an envelope. */
  public static String keyId(String envelope) {
    int end = envelope.indexOf(':', PREFIX.length());
    return end < 0 ? "" : envelope.substring(PREFIX.length(), end);
  }

  /** Whether {@code stored} is already as {@link #seal} would write it now. */
  public boolean current(String stored) {
    if (stored == null) {
      return true;
    }
    return keys == null
        ? !sealed(stored)
        : sealed(stored) && keys.primaryId().equals(keyId(stored));
  }

  /** {@code plain} encrypted under the primary key (as given without keys); null stays null. */
  public String seal(String plain) {
    if (plain == null || keys == null) {
      return plain;
    }
    String id = keys.primaryId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, keys.key(id).orElseThrow(), nonce, id);
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * The plaintext of {@code stored}: decrypted if it is an envelope, else as stored.
   *
   * @throws HookstreamException INTERNAL naming the key id when no configured key opens it
   */
  public String open(String stored) {
    if (!sealed(stored)) {
      return stored;
    }
    String id = keyId(stored);
    if (keys == null) {
      throw new HookstreamException(
          ErrorCode.INTERNAL,
          "a secret is encrypted under key id '"
              + id
              + "' but this engine has no secret keys configured");
    }
    SecretKey key =
        keys.key(id)
            .orElseThrow(
                () ->
                    new HookstreamException(
                        ErrorCode.INTERNAL,
                        "a secret is encrypted under key id '"
                            + id
                            + "', which is not configured (configured: "
                            + keys.ids()
                            + ")"));
    try {
      byte[] all =
          Base64.getUrlDecoder().decode(stored.substring(PREFIX.length() + id.length() + 1));
      if (all.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new IllegalArgumentException("too short");
      }
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(all, NONCE_BYTES), id);
      byte[] plain = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new HookstreamException(
          ErrorCode.INTERNAL,
          "a secret under key id '"
              + id
              + "' does not decrypt with the configured key of that id: it is a different key, or"
              + " the stored value was altered",
          e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String id)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD((PREFIX + id).getBytes(StandardCharsets.UTF_8));
    return c;
  }
}
