package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an alert rule's history: {@code kind} {@code triggered} (the condition held and
 * notifications went out) or {@code resolved} (it stayed clear for 30 minutes).
 */
public record AlertTriggerRecord(
    String id,
    String ruleId,
    String orgId,
    String envId,
    String kind,
    String message,
    Instant triggeredAt) {

  public AlertTriggerRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ruleId, "ruleId");
  }
}
