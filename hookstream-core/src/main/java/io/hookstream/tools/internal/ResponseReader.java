package io.hookstream.tools.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response from a connection the request closes: status line, headers (at most
 * 64 KB), then the body (fixed length, chunked, or until the peer closes) up to a bound, noting
 * whether there was more. Interim 1xx answers are skipped. Not thread-safe.
 */
final class ResponseReader {

  /** A response head and the bounded body. */
  record Read(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {}

  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_LINE_BYTES = 8 * 1024;

  private final InputStream in;
  private final int bodyLimit;
  private int headBytes;

  ResponseReader(InputStream in, int bodyLimit) {
    this.in = in;
    this.bodyLimit = bodyLimit;
  }

  /** The status and headers; call {@link #body} next. */
  Read head(boolean headRequest) throws IOException {
    while (true) {
      int status = statusLine(line());
      Map<String, List<String>> headers = headers();
      if (status >= 100 && status < 200 && status != 101) {
        continue; // 100 Continue, 103 Early Hints: the real answer follows
      }
      boolean empty = headRequest || status == 204 || status == 304 || status < 200;
      return new Read(status, headers, empty ? null : new byte[0], false);
    }
  }

  /** The body of {@code head}: none for HEAD, 1xx, 204 and 304. */
  Read body(Read head) throws IOException {
    if (head.body() == null) {
      return new Read(head.status(), head.headers(), new byte[0], false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean truncated;
    String encoding = first(head.headers(), "transfer-encoding");
    String length = first(head.headers(), "content-length");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      truncated = chunked(out);
    } else if (length != null) {
      truncated = fixed(out, contentLength(length));
    } else {
      truncated = untilClose(out);
    }
    return new Read(head.status(), head.headers(), out.toByteArray(), truncated);
  }

  private boolean chunked(ByteArrayOutputStream out) throws IOException {
    while (true) {
      String sizeLine = line();
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size in the response: " + abbreviate(sizeLine));
      }
      if (size == 0) {
        return false; // trailers are not read: the connection closes anyway
      }
      if (size < 0 || out.size() + size > bodyLimit) {
        copy(out, bodyLimit - out.size());
        return true;
      }
      copy(out, size);
      line(); // the CRLF after the chunk
    }
  }

  private boolean fixed(ByteArrayOutputStream out, long length) throws IOException {
    long take = Math.min(length, bodyLimit);
    copy(out, take);
    return length > bodyLimit;
  }

  private boolean untilClose(ByteArrayOutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    while (out.size() < bodyLimit) {
      int n = in.read(buf, 0, Math.min(buf.length, bodyLimit - out.size()));
      if (n < 0) {
        return false;
      }
      out.write(buf, 0, n);
    }
    return in.read() >= 0;
  }

  /** Copies exactly {@code n} bytes, or fails if the peer closes early. */
  private void copy(ByteArrayOutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int got = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (got < 0) {
        throw new IOException("the connection closed in the middle of the response body");
      }
      out.write(buf, 0, got);
      left -= got;
    }
  }

  private static int statusLine(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw new IOException("the endpoint did not answer HTTP/1.x: " + abbreviate(line));
    }
    return Integer.parseInt(parts[1]);
  }

  private Map<String, List<String>> headers() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headBytes += line.length();
      if (colon <= 0 || ++count > MAX_HEADERS || headBytes > MAX_HEAD_BYTES) {
        throw new IOException("malformed or too many response headers (at most 64 KB)");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    return headers;
  }

  /** One line without its CR LF (or bare LF). */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          throw new IOException("the endpoint closed the connection without a complete answer");
        }
        break;
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new IOException("a response line is longer than " + MAX_LINE_BYTES + " bytes");
      }
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static long contentLength(String value) throws IOException {
    try {
      long n = Long.parseLong(value.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("invalid Content-Length in the response: " + abbreviate(value));
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
