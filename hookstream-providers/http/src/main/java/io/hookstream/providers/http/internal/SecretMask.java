package io.hookstream.providers.http.internal;

import io.hookstream.spi.SecretMasking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Masks secrets for display: header values whose names look secret (Authorization, X-API-Key, or
 * any name containing auth, token, secret, key, password, cookie or credential) and the signing
 * secret, in the engine's one masked form ({@link SecretMasking}): {@code "****"} and the last four
 * characters when the value is long enough (12+) that they reveal little.
 *
 * <p>Stateless and safe for concurrent use.
 */
public final class SecretMask {

  private static final List<String> SECRET_WORDS =
      List.of(
          "auth", "token", "secret", "key", "password", "cookie", "credential", "signature-key");

  private SecretMask() {}

  /** Whether a header with this name carries a secret. */
  public static boolean isSecretHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  /** {@code value} with all but a short suffix replaced by {@code ****}. */
  public static String mask(String value) {
    return SecretMasking.mask(value);
  }

  /** A copy of {@code config} with secret header values and the signing secret masked. */
  public static Map<String, Object> maskConfig(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config);
    if (config.get("headers") instanceof Map<?, ?> headers) {
      Map<String, Object> copy = new LinkedHashMap<>();
      headers.forEach(
          (name, value) ->
              copy.put(
                  String.valueOf(name),
                  isSecretHeader(String.valueOf(name)) ? maskAny(value) : value));
      masked.put("headers", copy);
    }
    if (config.get("signing_config") instanceof Map<?, ?> signing) {
      Map<String, Object> copy = new LinkedHashMap<>();
      signing.forEach((name, value) -> copy.put(String.valueOf(name), value));
      if (copy.containsKey("secret")) {
        copy.put("secret", maskAny(copy.get("secret")));
      }
      masked.put("signing_config", copy);
    }
    return masked;
  }

  private static Object maskAny(Object value) {
    return value instanceof String s ? mask(s) : value == null ? null : "****";
  }
}
