package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.SecretMasking;
import java.util.LinkedHashMap;
import java.util.Map;

/** Masks the password (last 4 characters shown); the engine encrypts at rest what this masks. */
public final class RabbitMasking {

  private RabbitMasking() {}

  /** A copy of {@code config} with the password masked; other fields as they are. */
  public static Map<String, Object> mask(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config == null ? Map.of() : config);
    Object value = masked.get(RabbitConfig.PASSWORD);
    if (value instanceof String s) {
      masked.put(RabbitConfig.PASSWORD, SecretMasking.mask(s));
    } else if (value != null) {
      masked.put(RabbitConfig.PASSWORD, SecretMasking.MASK);
    }
    return masked;
  }
}
