package io.hookstream.servlet;

import java.util.Objects;

/**
 * How {@link HookstreamServlet} is mounted and limited: the URL mapping, the rate limits (per
 * organization for authenticated routes, per client IP for public ones) and the largest JSON body
 * the API reads. Build with {@link #builder()}; immutable once built.
 */
public final class ServletOptions {

  /** Mounted at the container root: the API answers at {@code /v1/...}. */
  public static final String DEFAULT_MAPPING = "/*";

  /** Per organization, for authenticated routes. */
  public static final RateLimit DEFAULT_AUTHENTICATED_LIMIT = RateLimit.perMinute(1000);

  /** Per client IP, for public routes (ingest, health) and failed authentication. */
  public static final RateLimit DEFAULT_PUBLIC_LIMIT = RateLimit.perMinute(6000);

  /**
   * Per client IP, for {@code /v1/tools/*} on top of the public limit: each tool call makes this
   * server send requests, so strangers get few.
   */
  public static final RateLimit DEFAULT_TOOLS_LIMIT = RateLimit.perMinute(30);

  /** The largest JSON request body of the management API (ingest uses the engine's limit). */
  public static final int DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

  private final String mapping;
  private final RateLimit authenticatedLimit;
  private final RateLimit publicLimit;
  private final boolean rateLimiting;
  private final int maxJsonBodyBytes;
  private final RateLimit toolsLimit;
  private final boolean publicTools;

  private ServletOptions(Builder b) {
    this.mapping = b.mapping;
    this.authenticatedLimit = b.authenticatedLimit;
    this.publicLimit = b.publicLimit;
    this.rateLimiting = b.rateLimiting;
    this.maxJsonBodyBytes = b.maxJsonBodyBytes;
    this.toolsLimit = b.toolsLimit;
    this.publicTools = b.publicTools;
  }

  public static ServletOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The servlet URL pattern, such as {@code /*} or {@code /hooks/*}. */
  public String mapping() {
    return mapping;
  }

  public RateLimit authenticatedLimit() {
    return authenticatedLimit;
  }

  public RateLimit publicLimit() {
    return publicLimit;
  }

  /** False when rate limiting is switched off (no counters, no headers). */
  public boolean rateLimiting() {
    return rateLimiting;
  }

  public int maxJsonBodyBytes() {
    return maxJsonBodyBytes;
  }

  /** The per-IP limit of {@code /v1/tools/*}. */
  public RateLimit toolsLimit() {
    return toolsLimit;
  }

  /**
   * Whether the public developer endpoints are served: {@code /v1/tools/*} and the test sessions
   * under {@code /v1/test/*}. When false they answer 404.
   */
  public boolean publicTools() {
    return publicTools;
  }

  /** Configures {@link ServletOptions}; rejects bad values at once. Not thread-safe. */
  public static final class Builder {
    private String mapping = DEFAULT_MAPPING;
    private RateLimit authenticatedLimit = DEFAULT_AUTHENTICATED_LIMIT;
    private RateLimit publicLimit = DEFAULT_PUBLIC_LIMIT;
    private boolean rateLimiting = true;
    private int maxJsonBodyBytes = DEFAULT_MAX_JSON_BODY_BYTES;
    private RateLimit toolsLimit = DEFAULT_TOOLS_LIMIT;
    private boolean publicTools = true;

    private Builder() {}

    /** A path-prefix mapping ending in {@code /*}: {@code /*} or {@code /hooks/*}. */
    public Builder mapping(String mapping) {
      Objects.requireNonNull(mapping, "mapping");
      if (!mapping.startsWith("/") || !mapping.endsWith("/*")) {
        throw new IllegalArgumentException(
            "mapping must be a path prefix such as /* or /hooks/*: " + mapping);
      }
      this.mapping = mapping;
      return this;
    }

    public Builder authenticatedLimit(RateLimit limit) {
      this.authenticatedLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    public Builder publicLimit(RateLimit limit) {
      this.publicLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** Switches rate limiting on (default) or off. */
    public Builder rateLimiting(boolean enabled) {
      this.rateLimiting = enabled;
      return this;
    }

    public Builder maxJsonBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxJsonBodyBytes must be at least 1024: " + bytes);
      }
      this.maxJsonBodyBytes = bytes;
      return this;
    }

    /** The per-IP limit of {@code /v1/tools/*} (default 30 a minute). */
    public Builder toolsLimit(RateLimit limit) {
      this.toolsLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Serves the public developer endpoints, {@code /v1/tools/*} and {@code /v1/test/*} (default
     * true); false answers them 404, for a server that strangers should not use as a tool.
     */
    public Builder publicTools(boolean enabled) {
      this.publicTools = enabled;
      return this;
    }

    public ServletOptions build() {
      return new ServletOptions(this);
    }
  }
}
