package io.hookstream.tools;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP request a tool sends: an http or https URL, a method, headers, an optional body and a
 * timeout of at most {@link #MAX_TIMEOUT}. Build with {@link #builder(String)}; building checks
 * every field and throws one 422 naming each bad one ({@code url}, {@code method}, {@code
 * headers.<name>}, {@code body}, {@code timeout}). Immutable.
 */
public record ToolRequest(
    String url, String method, Map<String, String> headers, String body, Duration timeout) {

  /** The longest a tool waits for one request, connection included. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

  /** The largest request body, in UTF-8 bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_HEADERS = 50;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  // Framing and routing headers are the client's: a caller who set them could smuggle requests.
  private static final Set<String> RESERVED =
      Set.of("host", "content-length", "transfer-encoding", "connection", "te", "upgrade");

  public ToolRequest {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    List<FieldError> errors = new ArrayList<>();
    checkUrl(url, errors);
    if (method == null || !METHOD.matcher(method).matches()) {
      errors.add(new FieldError("method", "must be an HTTP method such as POST, got " + method));
    }
    checkHeaders(headers, errors);
    if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      errors.add(new FieldError("body", "must be at most " + MAX_BODY_BYTES + " bytes"));
    }
    if (timeout == null
        || timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(MAX_TIMEOUT) > 0) {
      errors.add(new FieldError("timeout", "must be from 1 to 10 seconds, got " + timeout));
    }
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
  }

  /** A POST to {@code url} with no headers, no body and the longest timeout, to adjust. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The URL, parsed (it was checked when built). */
  public URI uri() {
    return URI.create(url);
  }

  /** A copy with one more header (replacing one of the same name, ignoring case). */
  public ToolRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    copy.put(name, value);
    return new ToolRequest(url, method, copy, body, timeout);
  }

  private static void checkUrl(String url, List<FieldError> errors) {
    if (url == null || url.isBlank()) {
      errors.add(new FieldError("url", "is required"));
      return;
    }
    if (url.length() > MAX_URL_LENGTH) {
      errors.add(new FieldError("url", "must be at most " + MAX_URL_LENGTH + " characters"));
      return;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        errors.add(new FieldError("url", "must be an http or https URL, got " + url));
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        errors.add(new FieldError("url", "must name a host, got " + url));
      } else if (uri.getRawUserInfo() != null) {
        errors.add(new FieldError("url", "must not carry credentials (user:password@)"));
      }
    } catch (URISyntaxException e) {
      errors.add(new FieldError("url", "is not a valid URL: " + e.getReason()));
    }
  }

  private static void checkHeaders(Map<String, String> headers, List<FieldError> errors) {
    if (headers.size() > MAX_HEADERS) {
      errors.add(new FieldError("headers", "must have at most " + MAX_HEADERS + " entries"));
      return;
    }
    headers.forEach(
        (name, value) -> {
          String field = "headers." + name;
          if (!TOKEN.matcher(name).matches()) {
            errors.add(new FieldError(field, "is not a valid header name"));
          } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(field, "is set by hookstream and cannot be given"));
          } else if (value == null || value.length() > 8192 || !printable(value)) {
            errors.add(
                new FieldError(field, "must be at most 8192 printable characters on one line"));
          }
        });
  }

  private static boolean printable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Configures a {@link ToolRequest}; {@link #build()} checks it. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private String method = "POST";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private Duration timeout = MAX_TIMEOUT;

    private Builder(String url) {
      this.url = url;
    }

    /** The method, upper-cased (default POST). */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    public Builder headers(Map<String, String> all) {
      headers.putAll(all);
      return this;
    }

    /** The body, sent as UTF-8; none by default. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** How long the whole request may take (default and maximum 10 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public ToolRequest build() {
      return new ToolRequest(url, method, headers, body, timeout);
    }
  }
}
