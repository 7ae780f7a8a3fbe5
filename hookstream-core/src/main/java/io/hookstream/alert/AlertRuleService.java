package io.hookstream.alert;

import io.hookstream.alert.internal.AlertEvaluator;
import io.hookstream.alert.internal.RuleConfigs;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Json;
import io.hookstream.internal.Pages;
import io.hookstream.internal.Validation;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.AlertTriggerRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alert rules: conditions over the last 5 minutes ({@code failure_rate}, {@code latency}, {@code
 * volume_drop}, {@code dlq}, {@code issue_opened}) that notify channels. The engine evaluates them
 * once per 5-minute window of its clock (see {@link #evaluateDue()}), once across nodes.
 * Thread-safe. Unknown ids throw NOT_FOUND; bad input throws VALIDATION_FAILED naming the field
 * ({@code rule_config.threshold}, {@code channel_ids.0}, ...).
 */
public final class AlertRuleService {

  public static final int DEFAULT_COOLDOWN_MINUTES = 60;
  public static final int MAX_COOLDOWN_MINUTES = 7 * 24 * 60;

  /** How many history entries {@link #history} returns at most. */
  public static final int HISTORY_LIMIT = 100;

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final AlertEvaluator evaluator;

  /**
   * Rules of {@code store}; evaluations queue notifications made by {@code tasks}, then run {@code
   * wake} (the delivery scheduler's).
   */
  public AlertRuleService(Store store, Clock clock, TaskFactory tasks, Runnable wake) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = new Ids(clock);
    this.evaluator = new AlertEvaluator(store, clock, tasks, wake);
  }

  public AlertRule create(Scope scope, AlertRuleSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Instant now = clock.now();
    AlertRuleRecord r =
        new AlertRuleRecord(
            ids.next("ar"),
            scope.orgId(),
            scope.envId(),
            spec.name(),
            spec.ruleType(),
            Json.write(spec.ruleConfig() == null ? Map.of() : spec.ruleConfig()),
            spec.sourceId(),
            spec.destinationId(),
            spec.channelIds(),
            spec.cooldownMinutes() == null ? DEFAULT_COOLDOWN_MINUTES : spec.cooldownMinutes(),
            spec.enabled() == null || spec.enabled(),
            false,
            null,
            null,
            null,
            now,
            now);
    check(scope, r);
    store.alertRules().insert(r);
    return toApi(r);
  }

  public AlertRule get(Scope scope, String id) {
    return toApi(stored(scope, id));
  }

  public Page<AlertRule> list(Scope scope, PageRequest page) {
    return Pages.fromStore(
        store.alertRules().list(scope, Pages.toStore(page)), AlertRuleService::toApi);
  }

  /** Changes the values {@code spec} sets; the evaluation state stays. */
  public AlertRule update(Scope scope, String id, AlertRuleSpec spec) {
    AlertRuleRecord old = stored(scope, id);
    AlertRuleRecord r =
        new AlertRuleRecord(
            old.id(),
            old.orgId(),
            old.envId(),
            pick(spec.name(), old.name()),
            pick(spec.ruleType(), old.ruleType()),
            spec.ruleConfig() != null ? Json.write(spec.ruleConfig()) : old.configJson(),
            pick(spec.sourceId(), old.sourceId()),
            pick(spec.destinationId(), old.destinationId()),
            pick(spec.channelIds(), old.channelIds()),
            pick(spec.cooldownMinutes(), old.cooldownMinutes()),
            pick(spec.enabled(), old.enabled()),
            old.firing(),
            old.lastTriggeredAt(),
            old.lastBreachAt(),
            old.lastWindow(),
            old.createdAt(),
            clock.now());
    check(scope, r);
    if (!store.alertRules().update(r)) {
      throw HookstreamException.notFound("alert rule", id);
    }
    return toApi(stored(scope, id));
  }

  public void delete(Scope scope, String id) {
    if (!store.alertRules().delete(scope, id)) {
      throw HookstreamException.notFound("alert rule", id);
    }
  }

  /** The rule's triggers and resolves, newest first (at most {@link #HISTORY_LIMIT}). */
  public List<AlertTrigger> history(Scope scope, String id) {
    stored(scope, id);
    return store.alertRules().history(scope, id, HISTORY_LIMIT).stream()
        .map(AlertRuleService::toApi)
        .toList();
  }

  /**
   * Evaluates every enabled rule not yet evaluated for the last whole 5-minute window of the engine
   * clock, and queues the notifications; returns how many evaluations this engine committed. The
   * engine runs it every minute as a background job; tests call it (or {@code runDueJobs()}) after
   * moving a manual clock.
   */
  public int evaluateDue() {
    return evaluator.runOnce();
  }

  private void check(Scope scope, AlertRuleRecord r) {
    Validation v = new Validation().requireText("name", r.name(), 200);
    String type = r.ruleType();
    if (type == null || !RuleConfigs.TYPES.contains(type)) {
      v.error(
          "rule_type",
          "must be one of failure_rate, latency, volume_drop, dlq, issue_opened; got " + type);
    } else {
      RuleConfigs.check(type, Json.toMap(r.configJson()), v);
      if (r.sourceId() != null && !RuleConfigs.watchesSources(type)) {
        v.error("source_id", "a " + type + " rule cannot be scoped to a source");
      } else if (r.sourceId() != null && store.sources().find(scope, r.sourceId()).isEmpty()) {
        v.error("source_id", "no source " + r.sourceId() + " in this environment");
      }
      if (r.destinationId() != null && !RuleConfigs.watchesDestinations(type)) {
        v.error("destination_id", "a " + type + " rule cannot be scoped to a destination");
      } else if (r.destinationId() != null
          && store
              .destinations()
              .find(scope, r.destinationId())
              .filter(d -> !d.deleted())
              .isEmpty()) {
        v.error("destination_id", "no destination " + r.destinationId() + " in this environment");
      }
    }
    for (int i = 0; i < r.channelIds().size(); i++) {
      String channel = r.channelIds().get(i);
      if (channel == null || store.notificationChannels().find(scope, channel).isEmpty()) {
        v.error("channel_ids." + i, "no notification channel " + channel + " in this environment");
      }
    }
    v.checkRange("cooldown_minutes", r.cooldownMinutes(), 0, MAX_COOLDOWN_MINUTES);
    v.throwIfInvalid();
  }

  private AlertRuleRecord stored(Scope scope, String id) {
    return store
        .alertRules()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("alert rule", id));
  }

  private static <T> T pick(T value, T old) {
    return value != null ? value : old;
  }

  static AlertRule toApi(AlertRuleRecord r) {
    return new AlertRule(
        r.id(),
        r.orgId(),
        r.envId(),
        r.name(),
        r.ruleType(),
        Json.toMap(r.configJson()),
        r.sourceId(),
        r.destinationId(),
        r.channelIds(),
        r.cooldownMinutes(),
        r.enabled(),
        r.firing(),
        r.lastTriggeredAt(),
        r.createdAt(),
        r.updatedAt());
  }

  static AlertTrigger toApi(AlertTriggerRecord t) {
    return new AlertTrigger(t.id(), t.ruleId(), t.kind(), t.message(), t.triggeredAt());
  }
}
