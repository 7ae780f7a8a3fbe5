package io.hookstream.verify.internal;

import java.util.Locale;
import java.util.Optional;

/** How a signature is written in its header. */
enum Encoding {
  HEX,
  BASE64;

  /** The encoding named {@code hex} or {@code base64} (any case), or empty. */
  static Optional<Encoding> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "hex" -> Optional.of(HEX);
      case "base64" -> Optional.of(BASE64);
      default -> Optional.empty();
    };
  }

  byte[] decode(String value) {
    return this == HEX ? Codecs.hex(value) : Codecs.base64(value);
  }

  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
