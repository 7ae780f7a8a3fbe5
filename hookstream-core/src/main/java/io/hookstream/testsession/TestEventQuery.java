package io.hookstream.testsession;

import io.hookstream.spi.HookstreamException;
import java.util.Locale;

/**
 * Filters for a session's events; null fields do not filter. {@code method}: the HTTP method (any
 * case); {@code statusClass}: 2, 4 or 5, the hundreds of the status the session answered; {@code
 * search}: a substring of a header name or value (ignoring case) or of the body. Immutable.
 */
public record TestEventQuery(String method, Integer statusClass, String search) {

  public static final TestEventQuery ALL = new TestEventQuery(null, null, null);

  public TestEventQuery {
    method = method == null || method.isBlank() ? null : method.strip().toUpperCase(Locale.ROOT);
    if (statusClass != null && statusClass != 2 && statusClass != 4 && statusClass != 5) {
      throw HookstreamException.invalid("status", "must be 2xx, 4xx or 5xx");
    }
    search = search == null || search.isEmpty() ? null : search;
  }

  /** The status class of {@code 2xx}, {@code 4xx} or {@code 5xx} (null: any); 422 otherwise. */
  public static Integer statusClass(String range) {
    if (range == null || range.isEmpty()) {
      return null;
    }
    return switch (range.toLowerCase(Locale.ROOT)) {
      case "2xx" -> 2;
      case "4xx" -> 4;
      case "5xx" -> 5;
      default -> throw HookstreamException.invalid("status", "must be 2xx, 4xx or 5xx");
    };
  }
}
