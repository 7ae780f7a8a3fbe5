package io.hookstream.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inbound webhook request as the transport saw it: method, full URL (as the sender addressed
 * it; some signature schemes sign it), headers (names lower case, order kept), query parameters,
 * raw body bytes, client IP and content type. Immutable.
 */
public final class IngestRequest {

  private final String method;
  private final String url;
  private final Map<String, List<String>> headers;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final String clientIp;

  private IngestRequest(Builder b) {
    this.method = b.method.toUpperCase(Locale.ROOT);
    this.url = b.url;
    this.headers = freeze(b.headers);
    this.query = freeze(b.query);
    this.body = b.body;
    this.clientIp = b.clientIp;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A POST with a JSON body, for tests and in-process use. */
  public static IngestRequest json(String json) {
    return builder()
        .header("content-type", "application/json")
        .body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build();
  }

  public String method() {
    return method;
  }

  /** The full request URL including the query string, or null when the transport has none. */
  public String url() {
    return url;
  }

  /** Header names are lower case; values in arrival order. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> query() {
    return query;
  }

  /** The raw body; callers must not modify it. */
  public byte[] body() {
    return body;
  }

  /** The client address as the transport saw it (before any trusted-proxy resolution). */
  public String clientIp() {
    return clientIp;
  }

  /** The {@code Content-Type} header, or null. */
  public String contentType() {
    return header("content-type").orElse(null);
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** Builds an {@link IngestRequest}; method defaults to POST, body to empty. */
  public static final class Builder {
    private String method = "POST";
    private String url;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private String clientIp = "127.0.0.1";

    private Builder() {}

    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Adds a header value; the name is lower-cased. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    public Builder headers(Map<String, List<String>> all) {
      all.forEach((name, values) -> values.forEach(v -> header(name, v)));
      return this;
    }

    public Builder queryParam(String name, String value) {
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    public Builder clientIp(String clientIp) {
      this.clientIp = clientIp;
      return this;
    }

    public IngestRequest build() {
      return new IngestRequest(this);
    }
  }
}
