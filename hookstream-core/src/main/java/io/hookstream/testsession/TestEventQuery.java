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
}
