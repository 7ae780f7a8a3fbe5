package io.hookstream.internal;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects field errors while checking an input, then throws one 422 naming all of them. */
public final class Validation {

  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

  private final List<FieldError> errors = new ArrayList<>();

  public Validation error(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public Validation addAll(List<FieldError> more) {
    errors.addAll(more);
    return this;
  }

  /** Requires a non-blank string of at most {@code max} characters. */
  public Validation requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      error(field, "is required");
    } else {
      checkLength(field, value, max);
    }
    return this;
  }

  /** Checks an optional string's length. */
  public Validation checkLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      error(field, "must be at most " + max + " characters");
    }
    return this;
  }

  /** Checks an optional integer range (inclusive). */
  public Validation checkRange(String field, Integer value, long min, long max) {
    if (value != null && (value < min || value > max)) {
      error(field, "must be between " + min + " and " + max + ", got " + value);
    }
    return this;
  }

  public Validation checkSlug(String field, String slug) {
    if (slug != null && !SLUG.matcher(slug).matches()) {
      error(
          field,
          "must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter"
              + " or digit");
    }
    return this;
  }

  /**
   * Checks the fields every named resource has (a required name, an optional slug derived from the
   * name when absent, an optional description) and returns the slug to store.
   */
  public String nameSlugAndDescription(String name, String slug, String description) {
    String effective = slug != null ? slug : name == null ? null : slugOf(name);
    requireText("name", name, 200)
        .checkSlug("slug", effective)
        .checkLength("description", description, 2000);
    return effective;
  }

  /** Throws a 422 if any error was collected. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
  }

  /** A slug made from a display name: lower case, runs of other characters become '-'. */
  public static String slugOf(String name) {
    String slug =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = "x";
    }
    return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
  }
}
