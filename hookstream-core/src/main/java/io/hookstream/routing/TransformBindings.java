package io.hookstream.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.spi.store.EventRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The event envelope a transform can read besides its input body: {@code $headers}, {@code
 * $method}, {@code $query} and {@code $event} (id, source_id, received_at, method, content_type,
 * source_ip), plus any extra named variables. {@code $headers}, {@code $query} and {@code $event}
 * are always objects (empty, or without the keys that are unknown); {@code $method} is unbound when
 * unknown. Immutable.
 */
public final class TransformBindings {

  private static final Set<String> RESERVED = Set.of("headers", "method", "query", "event");
  private static final TransformBindings NONE = builder().build();

  private final String eventId;
  private final String sourceId;
  private final Instant receivedAt;
  private final String method;
  private final String contentType;
  private final String sourceIp;
  private final Map<String, List<String>> headers;
  private final Map<String, List<String>> query;
  private final Map<String, JsonNode> variables;

  private TransformBindings(Builder b) {
    this.eventId = b.eventId;
    this.sourceId = b.sourceId;
    this.receivedAt = b.receivedAt;
    this.method = b.method;
    this.contentType = b.contentType;
    this.sourceIp = b.sourceIp;
    this.headers = copy(b.headers);
    this.query = copy(b.query);
    Map<String, JsonNode> vars = new LinkedHashMap<>();
    b.variables.forEach((k, v) -> vars.put(k, v.deepCopy()));
    this.variables = Collections.unmodifiableMap(vars);
  }

  /** No envelope at all: only the body is available. */
  public static TransformBindings none() {
    return NONE;
  }

  /** The envelope of a stored event. */
  public static TransformBindings of(EventRecord event) {
    return builder()
        .eventId(event.id())
        .sourceId(event.sourceId())
        .receivedAt(event.receivedAt())
        .method(event.method())
        .contentType(event.contentType())
        .sourceIp(event.sourceIp())
        .headers(event.headers())
        .query(event.query())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String eventId() {
    return eventId;
  }

  public String sourceId() {
    return sourceId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String method() {
    return method;
  }

  public String contentType() {
    return contentType;
  }

  public String sourceIp() {
    return sourceIp;
  }

  /** Header names as given (lower case for stored events), values in arrival order. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  public Map<String, List<String>> query() {
    return query;
  }

  /** Extra variables, bound as {@code $name}; callers must not modify the nodes. */
  public Map<String, JsonNode> variables() {
    return variables;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** Builds {@link TransformBindings}; every part is optional. Not thread-safe. */
  public static final class Builder {
    private String eventId;
    private String sourceId;
    private Instant receivedAt;
    private String method;
    private String contentType;
    private String sourceIp;
    private Map<String, List<String>> headers;
    private Map<String, List<String>> query;
    private final Map<String, JsonNode> variables = new LinkedHashMap<>();

    private Builder() {}

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder sourceId(String sourceId) {
      this.sourceId = sourceId;
      return this;
    }

    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder sourceIp(String sourceIp) {
      this.sourceIp = sourceIp;
      return this;
    }

    public Builder headers(Map<String, List<String>> headers) {
      this.headers = headers;
      return this;
    }

    public Builder query(Map<String, List<String>> query) {
      this.query = query;
      return this;
    }

    /**
     * Binds {@code $name} to {@code value}. The names {@code headers}, {@code method}, {@code
     * query} and {@code event} are reserved for the envelope.
     */
    public Builder variable(String name, JsonNode value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("$" + name + " is reserved for the event envelope");
      }
      variables.put(name, value);
      return this;
    }

    public TransformBindings build() {
      return new TransformBindings(this);
    }
  }
}
