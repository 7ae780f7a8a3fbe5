package io.hookstream.providers.aws.internal;

import io.hookstream.spi.SecretMasking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the AWS credentials in a config (the access key id too: with the secret it is the
 * identity); the engine encrypts at rest exactly the values this masks. Stateless.
 */
public final class AwsMasking {

  private static final List<String> SECRET_FIELDS =
      List.of(AwsSettings.ACCESS_KEY_ID, AwsSettings.SECRET_ACCESS_KEY, AwsSettings.SESSION_TOKEN);

  private AwsMasking() {}

  /** A copy of {@code config} with each credential masked; other fields as they are. */
  public static Map<String, Object> mask(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config == null ? Map.of() : config);
    for (String field : SECRET_FIELDS) {
      Object value = masked.get(field);
      if (value instanceof String s) {
        masked.put(field, SecretMasking.mask(s));
      } else if (value != null) {
        masked.put(field, SecretMasking.MASK);
      }
    }
    return masked;
  }
}
