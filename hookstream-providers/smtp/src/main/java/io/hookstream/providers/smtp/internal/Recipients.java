package io.hookstream.providers.smtp.internal;

import io.hookstream.spi.FieldError;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An email channel's {@code to}: one address or a list of 1 to 20, each a plain address ({@code
 * ops@example.com}) or one with a name ({@code Ops <ops@example.com>}). Stateless.
 */
public final class Recipients {

  static final int MAX = 20;

  private Recipients() {}

  /** The errors of {@code config}'s {@code to}, named {@code to} or {@code to.<i>}. */
  public static List<FieldError> check(Map<String, Object> config) {
    Object to = config.get("to");
    List<FieldError> errors = new ArrayList<>();
    List<?> list = to instanceof List<?> l ? l : to == null ? List.of() : List.of(to);
    if (list.isEmpty() || list.size() > MAX) {
      errors.add(new FieldError("to", "is required: 1 to " + MAX + " email addresses"));
    }
    for (int i = 0; i < list.size(); i++) {
      String field = to instanceof List<?> ? "to." + i : "to";
      if (!(list.get(i) instanceof String s) || parse(s) == null) {
        errors.add(new FieldError(field, "is not an email address: " + list.get(i)));
      }
    }
    return errors;
  }

  /** The addresses of a checked config. */
  public static InternetAddress[] of(Map<String, Object> config) {
    Object to = config.get("to");
    List<?> list = to instanceof List<?> l ? l : List.of(to);
    return list.stream().map(o -> parse((String) o)).toArray(InternetAddress[]::new);
  }

  private static InternetAddress parse(String address) {
    try {
      InternetAddress a = new InternetAddress(address, true);
      return a.getAddress().contains("@") ? a : null;
    } catch (AddressException e) {
      return null;
    }
  }
}
