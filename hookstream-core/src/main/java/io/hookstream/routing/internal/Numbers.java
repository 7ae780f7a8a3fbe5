package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reads a filter field as a number: a JSON number, or a string in JSON number syntax. */
final class Numbers {

  private Numbers() {}

  /** The numeric value of {@code node}, or null when it is missing or not a number. */
  static BigDecimal of(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.isDouble() || node.isFloat() ? finite(node.doubleValue()) : node.decimalValue();
    }
    return node.isTextual() ? parse(node.textValue()) : null;
  }

  private static BigDecimal finite(double d) {
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }

  /** {@code text} as a number if it is exactly a JSON number ("42", "-1.5e3"), else null. */
  static BigDecimal parse(String text) {
    if (!isJsonNumber(text)) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) { // exponent beyond int range: not a usable number
      return null;
    }
  }

  private static boolean isJsonNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    int intStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
      return false;
    }
    if (i < n && s.charAt(i) == '.') {
      int fracStart = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == fracStart) {
        return false;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
