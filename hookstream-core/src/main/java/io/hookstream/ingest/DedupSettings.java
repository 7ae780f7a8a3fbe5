package io.hookstream.ingest;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks and normalizes a source's deduplication settings ({@code dedup_strategy}, {@code
 * dedup_field}, {@code dedup_window_seconds}) when a source is written. A null strategy with no
 * field and no window turns dedup off; a window alone means {@code payload_hash}. Stateless.
 */
public final class DedupSettings {

  /** SHA-256 of the raw body (the default strategy). */
  public static final String PAYLOAD_HASH = "payload_hash";

  /** The value of the request header named by {@code dedup_field} (any case). */
  public static final String HEADER_FIELD = "header_field";

  /** The value at the dot path {@code dedup_field} in the JSON body, such as {@code data.id}. */
  public static final String BODY_FIELD = "body_field";

  public static final List<String> STRATEGIES = List.of(PAYLOAD_HASH, HEADER_FIELD, BODY_FIELD);
  public static final int DEFAULT_WINDOW_SECONDS = 300;
  public static final int MAX_WINDOW_SECONDS = 2_592_000; // 30 days
  public static final int MAX_FIELD_LENGTH = 256;

  private DedupSettings() {}

  /** Every problem with the given settings, named by API field; empty when valid. */
  public static List<FieldError> validate(String strategy, String field, Integer windowSeconds) {
    List<FieldError> errors = new ArrayList<>();
    String effective =
        strategy == null && windowSeconds != null ? PAYLOAD_HASH : canonical(strategy);
    if (effective == null) {
      if (field != null) {
        errors.add(new FieldError("dedup_strategy", "required when dedup_field is set"));
      }
      return errors;
    }
    if (!STRATEGIES.contains(effective)) {
      errors.add(
          new FieldError(
              "dedup_strategy", "must be one of " + STRATEGIES + ": \"" + strategy + "\""));
    } else if (effective.equals(PAYLOAD_HASH)) {
      if (field != null) {
        errors.add(new FieldError("dedup_field", "only applies to header_field and body_field"));
      }
    } else {
      checkField(effective, field, errors);
    }
    if (windowSeconds != null && (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS)) {
      errors.add(
          new FieldError(
              "dedup_window_seconds",
              "must be between 1 and " + MAX_WINDOW_SECONDS + ": " + windowSeconds));
    }
    return errors;
  }

  /**
   * The stored form of valid settings, with defaults applied, or null when dedup is off.
   *
   * @throws HookstreamException {@code VALIDATION_FAILED} (422) as {@link #validate} reports
   */
  public static SourceRecord.Dedup toRecord(String strategy, String field, Integer windowSeconds) {
    List<FieldError> errors = validate(strategy, field, windowSeconds);
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
    if (strategy == null && windowSeconds == null) {
      return null;
    }
    return new SourceRecord.Dedup(
        strategy == null ? PAYLOAD_HASH : canonical(strategy),
        field == null ? null : field.trim(),
        windowSeconds == null ? DEFAULT_WINDOW_SECONDS : windowSeconds);
  }

  /** Strategies are matched in any case ({@code Payload_Hash}). */
  static String canonical(String strategy) {
    return strategy == null ? null : strategy.trim().toLowerCase(Locale.ROOT);
  }

  private static void checkField(String strategy, String field, List<FieldError> errors) {
    if (field == null || field.isBlank()) {
      errors.add(new FieldError("dedup_field", "required for dedup_strategy " + strategy));
      return;
    }
    String f = field.trim();
    if (f.length() > MAX_FIELD_LENGTH) {
      errors.add(
          new FieldError("dedup_field", "must be at most " + MAX_FIELD_LENGTH + " characters"));
    } else if (strategy.equals(HEADER_FIELD) && !isHeaderName(f)) {
      errors.add(new FieldError("dedup_field", "not a valid header name: \"" + f + "\""));
    } else if (strategy.equals(BODY_FIELD) && List.of(f.split("\\.", -1)).contains("")) {
      errors.add(
          new FieldError("dedup_field", "not a valid dot path (empty segment): \"" + f + "\""));
    }
  }

  /** RFC 9110 token characters. */
  private static boolean isHeaderName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
