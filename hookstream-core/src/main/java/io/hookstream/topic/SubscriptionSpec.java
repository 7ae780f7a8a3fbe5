package io.hookstream.topic;

/**
 * What a caller asks a subscription to be: the fields of {@code POST /v1/topics/:id/subscriptions}.
 * {@code filterRulesJson} takes the same rules as a connection's; {@code transformExpression} is
 * JSONata, applied when present. Null means "not set" ({@code active} defaults to true).
 */
public record SubscriptionSpec(
    String destinationId, String filterRulesJson, String transformExpression, Boolean active) {

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String destinationId;
    private String filterRulesJson;
    private String transformExpression;
    private Boolean active;

    Builder() {}

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

    public Builder active(Boolean v) {
      active = v;
      return this;
    }

    public SubscriptionSpec build() {
      return new SubscriptionSpec(destinationId, filterRulesJson, transformExpression, active);
    }
  }
}
