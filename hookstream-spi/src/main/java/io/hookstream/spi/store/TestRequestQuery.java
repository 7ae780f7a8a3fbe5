package io.hookstream.spi.store;

/**
 * Filters for a test session's requests; null fields do not filter. {@code method} matches exactly
 * (upper case); {@code statusClass} (2, 4 or 5) matches the answered status's hundreds; {@code
 * search} matches a substring of a header name or value ignoring case, or of the body's bytes.
 */
public record TestRequestQuery(String method, Integer statusClass, String search) {
  public static final TestRequestQuery ALL = new TestRequestQuery(null, null, null);
}
