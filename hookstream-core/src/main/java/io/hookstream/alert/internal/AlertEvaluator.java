package io.hookstream.alert.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.internal.Ids;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.AlertEvaluation;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.AlertTriggerRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alert rules once per 5-minute window of the engine clock: the window ending at the last
 * multiple of 5 minutes is measured once it has ended, by whichever node commits it first (the
 * store's window claim), so every node may run this. A rule whose condition holds notifies its
 * channels unless it notified within its cooldown; a firing rule clear for 30 minutes sends a
 * resolve notification. The state, the history entry and the notification tasks are committed in
 * one step. Thread-safe.
 */
public final class AlertEvaluator {

  public static final Duration WINDOW = Duration.ofMinutes(5);
  public static final Duration RESOLVE_AFTER = Duration.ofMinutes(30);
  private static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final TaskFactory tasks;
  private final RuleCheck check;
  private final Runnable wake;

  /** {@code wake} tells the delivery scheduler that notifications were queued. */
  public AlertEvaluator(Store store, Clock clock, TaskFactory tasks, Runnable wake) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.tasks = tasks;
    this.check = new RuleCheck(store);
    this.wake = wake;
  }

  /** The end of the last whole window at {@code now}. */
  public static Instant windowEnd(Instant now) {
    long size = WINDOW.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
  }

  /** Evaluates every due rule; returns how many evaluations this node committed. */
  public int runOnce() {
    Instant now = clock.now();
    Instant end = windowEnd(now);
    int committed = 0;
    boolean queued = false;
    for (AlertRuleRecord rule : store.alertRules().dueForWindow(end, BATCH)) {
      try {
        AlertEvaluation e = evaluate(rule, end, now);
        if (store.alertRules().commitEvaluation(e)) {
          committed++;
          queued |= !e.notifications().isEmpty();
        }
      } catch (RuntimeException ex) {
        log.warn("evaluating alert rule {} failed; it is tried again next window", rule.id(), ex);
      }
    }
    if (queued) {
      wake.run();
    }
    return committed;
  }

  private AlertEvaluation evaluate(AlertRuleRecord rule, Instant end, Instant now) {
    RuleCheck.Result result = check.check(rule, end.minus(WINDOW), end);
    boolean firing = rule.firing();
    Instant lastTriggered = rule.lastTriggeredAt();
    Instant lastBreach = rule.lastBreachAt();
    String kind = null;
    String message = result.message();
    if (result.held()) {
      lastBreach = now;
      Duration cooldown = Duration.ofMinutes(rule.cooldownMinutes());
      if (lastTriggered == null || !now.isBefore(lastTriggered.plus(cooldown))) {
        kind = Notifications.TRIGGERED;
        lastTriggered = now;
        firing = true;
      }
    } else if (firing && lastBreach != null && !now.isBefore(lastBreach.plus(RESOLVE_AFTER))) {
      kind = Notifications.RESOLVED;
      firing = false;
      message = "Clear for 30 minutes: " + message;
    }
    AlertTriggerRecord trigger = null;
    List<DeliveryTask> notifications = List.of();
    if (kind != null) {
      trigger =
          new AlertTriggerRecord(
              ids.next("ah"),
              rule.id(),
              rule.orgId(),
              rule.envId(),
              kind.equals(Notifications.TRIGGERED) ? "triggered" : "resolved",
              message,
              now);
      notifications = Notifications.tasks(tasks, rule, ids.next("ntf"), kind, message, now);
    }
    return new AlertEvaluation(
        rule.id(), rule.scope(), end, firing, lastTriggered, lastBreach, trigger, notifications);
  }
}
