package io.hookstream.spi.provider;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one destination provider's config (plain Java values from JSON) field by field, collecting
 * an error that names each invalid field instead of stopping at the first. Not thread-safe: one per
 * parse.
 */
public final class ConfigReader {

  private final Map<String, Object> config;
  private final List<FieldError> errors = new ArrayList<>();

  public ConfigReader(Map<String, Object> config) {
    this.config = config == null ? Map.of() : config;
  }

  /** The errors found so far. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Whether {@code field} is present (not null), whatever its type. */
  public boolean has(String field) {
    return config.get(field) != null;
  }

  /** A non-blank string; null (and an error) when missing or of another type. */
  public String required(String field) {
    String value = optional(field);
    if (value == null && !errors.stream().anyMatch(e -> e.field().equals(field))) {
      error(field, "is required");
    }
    return value;
  }

  /** A string, or null when absent; an error when present but not a non-blank string. */
  public String optional(String field) {
    Object value = config.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      error(field, "must be a non-empty string");
      return null;
    }
    return s.strip();
  }

  /** A string that may be empty (a key prefix), or null when absent. */
  public String requiredAllowEmpty(String field) {
    Object value = config.get(field);
    if (value == null) {
      error(field, "is required (use \"\" for none)");
      return null;
    }
    if (!(value instanceof String s)) {
      error(field, "must be a string");
      return null;
    }
    return s;
  }

  /** A string matching {@code pattern}, described to the user as {@code what}. */
  public String matching(String value, String field, Pattern pattern, String what) {
    if (value != null && !pattern.matcher(value).matches()) {
      error(field, "must be " + what);
      return null;
    }
    return value;
  }

  /** At most {@code max} characters. */
  public String maxLength(String value, String field, int max) {
    if (value != null && value.length() > max) {
      error(field, "must be at most " + max + " characters");
      return null;
    }
    return value;
  }

  /** A number from {@code min} to {@code max}, or absent. */
  public void numberBetween(String field, double min, double max) {
    Object value = config.get(field);
    if (value != null
        && (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max)) {
      error(field, "must be a number from " + (long) min + " to " + (long) max);
    }
  }

  /** One of {@code choices} (lower case), or {@code fallback} when absent. */
  public String choice(String field, String fallback, String... choices) {
    String value = optional(field);
    if (value == null) {
      return fallback;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!List.of(choices).contains(lower)) {
      error(field, "must be one of " + String.join(", ", choices));
      return fallback;
    }
    return lower;
  }

  /**
   * An absolute http or https URL, or null when absent. A literal IP host is checked against {@code
   * policy} here; a name is checked when a delivery resolves it.
   */
  public URI url(String field, boolean required, AddressPolicy policy) {
    String text = required ? required(field) : optional(field);
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      error(field, "must be an absolute http or https URL");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      error(field, "must be an absolute http or https URL");
      return null;
    }
    if (policy != null && AddressPolicy.isIpLiteral(uri.getHost())) {
      String rejection = policy.rejection(uri.getHost(), AddressPolicy.literal(uri.getHost()));
      if (rejection != null) {
        error(field, rejection);
        return null;
      }
    }
    return uri;
  }
}
