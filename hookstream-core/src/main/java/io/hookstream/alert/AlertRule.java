package io.hookstream.alert;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert rule as the Java API returns it. Immutable.
 *
 * @param ruleType {@code failure_rate}, {@code latency}, {@code volume_drop}, {@code dlq} or {@code
 *     issue_opened}
 * @param ruleConfig the type's settings as written ({@code threshold}, {@code threshold_ms}, ...)
 * @param sourceId the one source watched, or null for all
 * @param destinationId the one destination watched, or null for all
 * @param firing whether the condition held at the last notification and has not been clear for 30
 *     minutes since
 * @param lastTriggeredAt when the rule last sent a notification, or null
 */
public record AlertRule(
    String id,
    String orgId,
    String envId,
    String name,
    String ruleType,
    Map<String, Object> ruleConfig,
    String sourceId,
    String destinationId,
    List<String> channelIds,
    int cooldownMinutes,
    boolean enabled,
    boolean firing,
    Instant lastTriggeredAt,
    Instant createdAt,
    Instant updatedAt) {

  public AlertRule {
    Objects.requireNonNull(id, "id");
    ruleConfig = ruleConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(ruleConfig);
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
