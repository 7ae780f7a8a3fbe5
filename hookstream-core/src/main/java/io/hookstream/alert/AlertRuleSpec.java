package io.hookstream.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to create a rule with, or, for an update, what to change (unset values stay as they are).
 * Defaults on create: no source or destination scope, no channels, a 60-minute cooldown, enabled.
 * Immutable.
 */
public record AlertRuleSpec(
    String name,
    String ruleType,
    Map<String, Object> ruleConfig,
    String sourceId,
    String destinationId,
    List<String> channelIds,
    Integer cooldownMinutes,
    Boolean enabled) {

  public AlertRuleSpec {
    ruleConfig =
        ruleConfig == null
            ? null
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ruleConfig));
    channelIds = channelIds == null ? null : List.copyOf(channelIds);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the values; nothing is checked until the service reads them. */
  public static final class Builder {
    private String name;
    private String ruleType;
    private Map<String, Object> ruleConfig;
    private String sourceId;
    private String destinationId;
    private List<String> channelIds;
    private Integer cooldownMinutes;
    private Boolean enabled;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder ruleType(String ruleType) {
      this.ruleType = ruleType;
      return this;
    }

    public Builder ruleConfig(Map<String, Object> ruleConfig) {
      this.ruleConfig = ruleConfig;
      return this;
    }

    public Builder sourceId(String sourceId) {
      this.sourceId = sourceId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    public Builder channelIds(List<String> channelIds) {
      this.channelIds = channelIds;
      return this;
    }

    public Builder cooldownMinutes(Integer cooldownMinutes) {
      this.cooldownMinutes = cooldownMinutes;
      return this;
    }

    public Builder enabled(Boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public AlertRuleSpec build() {
      return new AlertRuleSpec(
          name,
          ruleType,
          ruleConfig,
          sourceId,
          destinationId,
          channelIds,
          cooldownMinutes,
          enabled);
    }
  }
}
