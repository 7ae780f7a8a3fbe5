package io.hookstream.servlet.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The query string, decoded by us rather than by the container: {@code getParameter} would read a
 * form body, which the ingest endpoint must keep byte for byte. Immutable.
 */
final class Query {

  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  /** Parses a raw query string; a malformed escape is a 400. */
  static Query parse(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new Query(params);
  }

  Map<String, List<String>> all() {
    return params;
  }

  /** The first value of {@code name}, or null; an empty value counts as absent. */
  String string(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  /** An ISO-8601 instant, or null; anything else is a 400 naming {@code name}. */
  Instant instant(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw badParam(name, "must be an ISO 8601 timestamp such as 2026-03-01T12:00:00Z");
    }
  }

  static HookstreamException badParam(String name, String message) {
    return new HookstreamException(
        ErrorCode.BAD_REQUEST,
        name + ": " + message,
        List.of(new FieldError(name, message)),
        Map.of(),
        null);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Entry<String, List<String>> e : params.entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append(' ');
    }
    return sb.toString().strip();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST,
          "malformed query string: bad percent-escape in '" + abbreviate(s) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 50 ? s.substring(0, 50) + "..." : s;
  }
}
