package io.hookstream.verify.internal;

import java.util.Base64;
import java.util.HexFormat;

/** Lenient decoders for signatures as providers send them; null means "not this encoding". */
final class Codecs {

  private Codecs() {}

  static byte[] hex(String value) {
    if (value.isEmpty() || value.length() % 2 != 0) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Standard or URL-safe base64, padding optional. */
  static byte[] base64(String value) {
    if (value.isEmpty()) {
      return null;
    }
    boolean urlSafe = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isHex(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return !value.isEmpty();
  }
}
