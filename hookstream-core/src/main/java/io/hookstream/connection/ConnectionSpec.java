package io.hookstream.connection;

/**
 * What a caller asks a connection to be: the fields of {@code POST /v1/connections}. {@code
 * filterRulesJson} is a JSON array of rules {@code {field, op, value}} (null or {@code []}: every
 * event matches); {@code transformExpression} is JSONata, applied when {@code transformEnabled};
 * {@code orderingKey} is a field path in the filter syntax (such as {@code payload.customer_id})
 * whose value orders deliveries per key. Null means "not set".
 */
public record ConnectionSpec(
    String name,
    String sourceId,
    String destinationId,
    String filterRulesJson,
    String transformExpression,
    Boolean transformEnabled,
    Boolean enabled,
    String orderingKey) {

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name;
    private String sourceId;
    private String destinationId;
    private String filterRulesJson;
    private String transformExpression;
    private Boolean transformEnabled;
    private Boolean enabled;
    private String orderingKey;

    Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder sourceId(String v) {
      sourceId = v;
      return this;
    }

    public Builder destinationId(String v) {
      destinationId = v;
      return this;
    }

    public Builder filterRulesJson(String v) {
      filterRulesJson = v;
      return this;
    }

    public Builder transformExpression(String v) {
      transformExpression = v;
      return this;
    }

    public Builder transformEnabled(Boolean v) {
      transformEnabled = v;
      return this;
    }

    public Builder enabled(Boolean v) {
      enabled = v;
      return this;
    }

    /** Deliver events with the same value at this field path in ingest order (null: unordered). */
    public Builder orderingKey(String v) {
      orderingKey = v;
      return this;
    }

    public ConnectionSpec build() {
      return new ConnectionSpec(
          name,
          sourceId,
          destinationId,
          filterRulesJson,
          transformExpression,
          transformEnabled,
          enabled,
          orderingKey);
    }
  }
}
