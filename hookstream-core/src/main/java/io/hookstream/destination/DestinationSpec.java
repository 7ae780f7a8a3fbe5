package io.hookstream.destination;

import java.util.List;
import java.util.Map;

/**
 * What a caller asks a destination to be: the fields of {@code POST /v1/destinations}. Null means
 * "not set" (the default applies). For HTTP, {@code url}, {@code method}, {@code headers} and
 * {@code timeoutSeconds} may be given here or inside {@code config}; they are merged into one
 * provider configuration. {@code signingConfig} configures outbound signing. {@code enabled} false
 * creates a destination disabled or disables one; true re-enables it (null: unchanged).
 */
public record DestinationSpec(
    String name,
    String slug,
    String description,
    String type,
    String url,
    String method,
    Map<String, String> headers,
    Integer timeoutSeconds,
    Map<String, Object> config,
    Map<String, Object> signingConfig,
    Integer retryMaxAttempts,
    String retryBackoffType,
    List<Integer> retryIntervals,
    Integer maxInFlight,
    Boolean ordered,
    Double rateLimitPerSecond,
    Boolean enabled) {

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name;
    private String slug;
    private String description;
    private String type;
    private String url;
    private String method;
    private Map<String, String> headers;
    private Integer timeoutSeconds;
    private Map<String, Object> config;
    private Map<String, Object> signingConfig;
    private Integer retryMaxAttempts;
    private String retryBackoffType;
    private List<Integer> retryIntervals;
    private Integer maxInFlight;
    private Boolean ordered;
    private Double rateLimitPerSecond;
    private Boolean enabled;

    Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder slug(String v) {
      slug = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    /** {@code http} (default), {@code websocket}, ... Aliases such as {@code sqs} are accepted. */
    public Builder type(String v) {
      type = v;
      return this;
    }

    public Builder url(String v) {
      url = v;
      return this;
    }

    public Builder method(String v) {
      method = v;
      return this;
    }

    public Builder headers(Map<String, String> v) {
      headers = v;
      return this;
    }

    public Builder timeoutSeconds(Integer v) {
      timeoutSeconds = v;
      return this;
    }

    /** Provider-specific configuration (the seed's {@code config} / {@code provider_config}). */
    public Builder config(Map<String, Object> v) {
      config = v;
      return this;
    }

    public Builder signingConfig(Map<String, Object> v) {
      signingConfig = v;
      return this;
    }

    public Builder retryMaxAttempts(Integer v) {
      retryMaxAttempts = v;
      return this;
    }

    public Builder retryBackoffType(String v) {
      retryBackoffType = v;
      return this;
    }

    public Builder retryIntervals(List<Integer> v) {
      retryIntervals = v;
      return this;
    }

    public Builder maxInFlight(Integer v) {
      maxInFlight = v;
      return this;
    }

    public Builder ordered(Boolean v) {
      ordered = v;
      return this;
    }

    public Builder rateLimitPerSecond(Double v) {
      rateLimitPerSecond = v;
      return this;
    }

    /** False: no delivery until re-enabled (tasks still queue); true: clears a disabled state. */
    public Builder enabled(Boolean v) {
      enabled = v;
      return this;
    }

    public DestinationSpec build() {
      return new DestinationSpec(
          name,
          slug,
          description,
          type,
          url,
          method,
          headers,
          timeoutSeconds,
          config,
          signingConfig,
          retryMaxAttempts,
          retryBackoffType,
          retryIntervals,
          maxInFlight,
          ordered,
          rateLimitPerSecond,
          enabled);
    }
  }
}
