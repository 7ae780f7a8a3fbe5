package io.hookstream.secret.internal;

import io.hookstream.spi.SecretMasking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Walks a provider config (maps, lists and plain values, as parsed from JSON) to find its secret
 * values. A secret is a string leaf that the provider's own {@code mask} changes, so each provider
 * decides what is secret and this class needs no list of field names. Stateless.
 */
final class JsonSecrets {

  private JsonSecrets() {}

  /** {@code plain}, each leaf that {@code masked} shows differently passed through {@code f}. */
  static Object mapSecrets(Object plain, Object masked, UnaryOperator<String> f) {
    if (plain instanceof Map<?, ?> map) {
      Map<?, ?> other = masked instanceof Map<?, ?> m ? m : Map.of();
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), mapSecrets(v, other.get(k), f)));
      return out;
    }
    if (plain instanceof List<?> list) {
      List<?> other = masked instanceof List<?> l ? l : List.of();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(mapSecrets(list.get(i), i < other.size() ? other.get(i) : null, f));
      }
      return out;
    }
    return plain instanceof String s && !Objects.equals(s, masked) ? f.apply(s) : plain;
  }

  /** {@code node} with every string leaf passed through {@code f}. */
  static Object mapStrings(Object node, UnaryOperator<String> f) {
    return mapSecrets(node, new Object(), f);
  }

  /**
   * {@code incoming} with every leaf that equals the current value's mask (a masked read sent back)
   * replaced by the current value.
   */
  static Object restoreMasked(Object incoming, Object currentMasked, Object current) {
    if (incoming instanceof Map<?, ?> map) {
      Map<?, ?> masks = currentMasked instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> values = current instanceof Map<?, ?> m ? m : Map.of();
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> out.put(String.valueOf(k), restoreMasked(v, masks.get(k), values.get(k))));
      return out;
    }
    if (incoming instanceof List<?> list) {
      List<?> masks = currentMasked instanceof List<?> l ? l : List.of();
      List<?> values = current instanceof List<?> l ? l : List.of();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(
            restoreMasked(
                list.get(i),
                i < masks.size() ? masks.get(i) : null,
                i < values.size() ? values.get(i) : null));
      }
      return out;
    }
    boolean sentBack =
        incoming instanceof String s
            && s.startsWith(SecretMasking.MASK)
            && s.equals(currentMasked)
            && !s.equals(current);
    return sentBack ? current : incoming;
  }
}
