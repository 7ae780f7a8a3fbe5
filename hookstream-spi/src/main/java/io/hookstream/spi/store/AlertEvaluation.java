package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating rule {@code ruleId} for the 5-minute window ending at {@code window}:
 * its new state, the history entry (null when nothing changed) and the notification tasks to queue.
 * Committed all at once or not at all by {@link AlertRuleRepository#commitEvaluation}.
 */
public record AlertEvaluation(
    String ruleId,
    Scope scope,
    Instant window,
    boolean firing,
    Instant lastTriggeredAt,
    Instant lastBreachAt,
    AlertTriggerRecord trigger,
    List<DeliveryTask> notifications) {

  public AlertEvaluation {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(window, "window");
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }
}
