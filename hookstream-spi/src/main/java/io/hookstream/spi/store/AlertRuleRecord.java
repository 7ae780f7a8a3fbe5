package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert rule as stored: what it watches ({@code ruleType}, {@code configJson}, optionally one
 * source or destination), whom it tells ({@code channelIds}) and how often ({@code
 * cooldownMinutes}); then its evaluation state, written only by {@link
 * AlertRuleRepository#commitEvaluation}: whether it is firing, when it last notified, when its
 * condition last held, and the last 5-minute window evaluated (null: none yet).
 */
public record AlertRuleRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String ruleType,
    String configJson,
    String sourceId,
    String destinationId,
    List<String> channelIds,
    int cooldownMinutes,
    boolean enabled,
    boolean firing,
    Instant lastTriggeredAt,
    Instant lastBreachAt,
    Instant lastWindow,
    Instant createdAt,
    Instant updatedAt) {

  public AlertRuleRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** This rule with the evaluation state of {@code e}. */
  public AlertRuleRecord evaluated(AlertEvaluation e) {
    return new AlertRuleRecord(
        id,
        orgId,
        envId,
        name,
        ruleType,
        configJson,
        sourceId,
        destinationId,
        channelIds,
        cooldownMinutes,
        enabled,
        e.firing(),
        e.lastTriggeredAt(),
        e.lastBreachAt(),
        e.window(),
        createdAt,
        updatedAt);
  }
}
