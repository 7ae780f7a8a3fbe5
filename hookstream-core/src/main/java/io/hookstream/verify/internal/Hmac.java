package io.hookstream.verify.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC key compiled once: a {@link Mac} prototype is initialised at construction and cloned per
 * message, so verifying does not re-run key setup. Immutable and safe for concurrent use.
 */
final class Hmac {

  private final SecretKeySpec key;
  private final Mac prototype;

  Hmac(String algorithm, byte[] key) {
    this.key = new SecretKeySpec(key, algorithm);
    this.prototype = init();
  }

  /** The MAC length in bytes (32 for SHA-256, 20 for SHA-1). */
  int length() {
    return prototype.getMacLength();
  }

  /** The MAC of the concatenation of {@code parts}. */
  byte[] sign(byte[]... parts) {
    Mac mac = copy();
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** True if any of {@code candidates} equals {@code expected}, compared in constant time. */
  static boolean anyEqual(byte[] expected, List<byte[]> candidates) {
    boolean match = false;
    for (byte[] candidate : candidates) {
      match |= MessageDigest.isEqual(expected, candidate);
    }
    return match;
  }

  private Mac copy() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return init(); // a provider whose Mac cannot be cloned: set the key up per message
    }
  }

  private Mac init() {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm());
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(key.getAlgorithm() + " is not available in this JVM", e);
    }
  }
}
