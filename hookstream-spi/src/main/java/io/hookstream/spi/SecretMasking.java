package io.hookstream.spi;

/**
 * The one form a secret takes in every read (API responses, attempt logs, Java reads): {@code ****}
 * and its last 4 characters when it has at least 12 (so at most a third shows), else {@code ****}
 * alone. Masking a masked value changes nothing, so a read sent back can be recognised. Stateless;
 * providers use it in {@link DestinationProvider#mask}.
 */
public final class SecretMasking {

  public static final String MASK = "****";
  private static final int MIN_LENGTH_FOR_SUFFIX = 12;
  private static final int SUFFIX_LENGTH = 4;

  private SecretMasking() {}

  /** {@code secret} masked; null stays null. */
  public static String mask(String secret) {
    if (secret == null || secret.startsWith(MASK)) {
      return secret;
    }
    return secret.length() >= MIN_LENGTH_FOR_SUFFIX
        ? MASK + secret.substring(secret.length() - SUFFIX_LENGTH)
        : MASK;
  }
}
