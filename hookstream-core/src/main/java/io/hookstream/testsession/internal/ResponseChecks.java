package io.hookstream.testsession.internal;

import io.hookstream.internal.Validation;
import io.hookstream.testsession.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a session's configured response before it is stored: everything a stranger sets here is
 * later written into HTTP answers, so header names must be tokens, values single lines, and the
 * framing headers stay the server's. Stateless.
 */
public final class ResponseChecks {

  public static final int MAX_HEADERS = 20;
  public static final int MAX_HEADER_VALUE = 1024;

  private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
  private static final Set<String> RESERVED =
      Set.of(
          "content-length",
          "content-type",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "trailer",
          "te",
          "date",
          "server");

  /** PostgreSQL text cannot hold NUL, and no HTTP answer needs one. */
  public static final String NO_NUL = "must not contain NUL (\\u0000) characters";

  private ResponseChecks() {}

  /** 422 naming each bad field: status_code, content_type, body or headers. */
  public static void check(TestResponse r, int maxBodyBytes) {
    Validation v = new Validation();
    if (r.status() < 200 || r.status() > 599) {
      v.error("status_code", "must be an HTTP status from 200 to 599, got " + r.status());
    }
    if (r.contentType().isBlank()
        || r.contentType().length() > 200
        || !singleLine(r.contentType())) {
      v.error("content_type", "must be a media type of at most 200 characters on one line");
    }
    int size = r.body().getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBodyBytes) {
      v.error("body", "must be at most " + maxBodyBytes + " bytes, got " + size);
    } else if (r.body().indexOf('\0') >= 0) {
      v.error("body", NO_NUL);
    }
    checkHeaders(v, r.headers());
    v.throwIfInvalid();
  }

  private static void checkHeaders(Validation v, Map<String, String> headers) {
    if (headers.size() > MAX_HEADERS) {
      v.error("headers", "at most " + MAX_HEADERS + " headers, got " + headers.size());
      return;
    }
    headers.forEach(
        (name, value) -> {
          if (!TOKEN.matcher(name).matches()) {
            v.error("headers", "invalid header name '" + abbreviate(name) + "'");
          } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            v.error(
                "headers." + name,
                "is set by the server"
                    + (name.equalsIgnoreCase("content-type") ? "; use content_type" : ""));
          } else if (value.length() > MAX_HEADER_VALUE || !singleLine(value)) {
            v.error(
                "headers." + name,
                "must be one line of at most " + MAX_HEADER_VALUE + " characters");
          }
        });
  }

  private static boolean singleLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
