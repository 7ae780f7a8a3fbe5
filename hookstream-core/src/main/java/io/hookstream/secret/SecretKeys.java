package io.hookstream.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt stored secrets: one primary key that every write uses, and older
 * keys that are only read, so rows written before a rotation stay readable until they are
 * re-encrypted. Each key has an id that is written beside its ciphertext. Immutable.
 *
 * <p>Text form ({@link #parse}): comma-separated keys, the primary first; each key is {@code
 * <id>:<base64 of 32 bytes>} or just the base64, whose id is then {@code k} plus the first 8 hex
 * digits of the key's SHA-256 (so two different keys never share an id by accident).
 */
public final class SecretKeys {

  /** AES-256: every key is exactly this many bytes. */
  public static final int KEY_BYTES = 32;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String primaryId;
  private final Map<String, SecretKey> keys;

  private SecretKeys(String primaryId, Map<String, SecretKey> keys) {
    this.primaryId = primaryId;
    this.keys = keys;
  }

  /** A keyring whose primary key is {@code key} under {@code id}. */
  public static SecretKeys primary(String id, byte[] key) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    keys.put(checkId(id), aes(id, key));
    return new SecretKeys(id, keys);
  }

  /** A keyring whose primary key is {@code key}, with the id derived from the key. */
  public static SecretKeys primary(byte[] key) {
    return primary(derivedId(key), key);
  }

  /** This keyring plus {@code key} as an older key, read but never written with. */
  public SecretKeys withOldKey(String id, byte[] key) {
    if (keys.containsKey(checkId(id))) {
      throw new IllegalArgumentException("secret key id '" + id + "' is given twice");
    }
    Map<String, SecretKey> more = new LinkedHashMap<>(keys);
    more.put(id, aes(id, key));
    return new SecretKeys(primaryId, more);
  }

  /**
   * Parses the text form, such as {@code k2:BASE64,k1:BASE64} (primary {@code k2}, older {@code
   * k1}).
   *
   * @throws IllegalArgumentException naming the entry that is not a valid key
   */
  public static SecretKeys parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("secret keys are empty");
    }
    SecretKeys ring = null;
    for (String entry : text.split(",")) {
      String e = entry.strip();
      int colon = e.indexOf(':');
      byte[] key = decode(colon < 0 ? e : e.substring(colon + 1));
      String id = colon < 0 ? derivedId(key) : e.substring(0, colon);
      ring = ring == null ? primary(id, key) : ring.withOldKey(id, key);
    }
    return ring;
  }

  /** A new random key in base64, for a first start (what the standalone server writes). */
  public static String newKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key every new ciphertext is written with. */
  public String primaryId() {
    return primaryId;
  }

  /** Every key id, the primary first. */
  public Set<String> ids() {
    return keys.keySet();
  }

  /** The key with this id, if configured. */
  public Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return "SecretKeys" + ids() + " (primary " + primaryId + ")"; // never the key bytes
  }

  private static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "secret key id must be 1 to 32 letters, digits, '_' or '-': " + id);
    }
    return id;
  }

  private static SecretKey aes(String id, byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret key '"
              + id
              + "' must be "
              + KEY_BYTES
              + " bytes (AES-256), not "
              + (key == null ? "null" : key.length + " bytes"));
    }
    return new SecretKeySpec(key.clone(), "AES");
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a secret key is not valid base64 (expected "
              + KEY_BYTES
              + " bytes, optionally as id:base64)",
          e);
    }
  }

  private static String derivedId(byte[] key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
      return "k" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
