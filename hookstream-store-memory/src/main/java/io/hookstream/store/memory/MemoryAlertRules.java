package io.hookstream.store.memory;

import io.hookstream.spi.store.AlertEvaluation;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.AlertRuleRepository;
import io.hookstream.spi.store.AlertTriggerRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alert rules in memory. Rule writes hold one lock, so an evaluation's window claim, its history
 * entry and its notification tasks are one step. Thread-safe.
 */
final class MemoryAlertRules implements AlertRuleRepository {

  private final Object lock = new Object();
  private final ScopedTable<AlertRuleRecord> rules =
      new ScopedTable<>("alert rule", AlertRuleRecord::id, AlertRuleRecord::scope, true);
  private final Map<String, List<AlertTriggerRecord>> history = new ConcurrentHashMap<>();
  private final MemoryDeliveries deliveries;

  MemoryAlertRules(MemoryDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void insert(AlertRuleRecord rule) {
    synchronized (lock) {
      rules.insert(rule);
    }
  }

  @Override
  public Optional<AlertRuleRecord> find(Scope scope, String id) {
    return rules.get(scope, id);
  }

  @Override
  public Page<AlertRuleRecord> list(Scope scope, PageRequest page) {
    return rules.page(scope, page, r -> true);
  }

  @Override
  public boolean update(AlertRuleRecord rule) {
    synchronized (lock) {
      return rules
          .update(
              rule.scope(),
              rule.id(),
              old ->
                  new AlertRuleRecord(
                      rule.id(),
                      rule.orgId(),
                      rule.envId(),
                      rule.name(),
                      rule.ruleType(),
                      rule.configJson(),
                      rule.sourceId(),
                      rule.destinationId(),
                      rule.channelIds(),
                      rule.cooldownMinutes(),
                      rule.enabled(),
                      old.firing(),
                      old.lastTriggeredAt(),
                      old.lastBreachAt(),
                      old.lastWindow(),
                      old.createdAt(),
                      rule.updatedAt()))
          .isPresent();
    }
  }

  @Override
  public boolean delete(Scope scope, String id) {
    synchronized (lock) {
      history.remove(id);
      return rules.remove(scope, id).isPresent();
    }
  }

  @Override
  public List<AlertRuleRecord> usingChannel(Scope scope, String channelId) {
    List<AlertRuleRecord> using = new ArrayList<>();
    rules
        .oldestFirst(scope)
        .forEachRemaining(
            r -> {
              if (r.channelIds().contains(channelId)) {
                using.add(r);
              }
            });
    return using;
  }

  @Override
  public List<AlertRuleRecord> dueForWindow(Instant window, int limit) {
    return rules.all().stream()
        .filter(r -> r.enabled() && (r.lastWindow() == null || r.lastWindow().isBefore(window)))
        .sorted(Comparator.comparing(AlertRuleRecord::id))
        .limit(limit)
        .toList();
  }

  @Override
  public boolean commitEvaluation(AlertEvaluation e) {
    synchronized (lock) {
      Optional<AlertRuleRecord> stored = rules.get(e.scope(), e.ruleId());
      if (stored.isEmpty()
          || (stored.get().lastWindow() != null
              && !stored.get().lastWindow().isBefore(e.window()))) {
        return false;
      }
      deliveries.insertTasks(e.notifications());
      if (e.trigger() != null) {
        history.computeIfAbsent(e.ruleId(), k -> new ArrayList<>()).add(e.trigger());
      }
      rules.update(e.scope(), e.ruleId(), old -> old.evaluated(e));
      return true;
    }
  }

  @Override
  public List<AlertTriggerRecord> history(Scope scope, String ruleId, int limit) {
    synchronized (lock) {
      if (rules.get(scope, ruleId).isEmpty()) {
        return List.of();
      }
      List<AlertTriggerRecord> all = new ArrayList<>(history.getOrDefault(ruleId, List.of()));
      all.sort(Comparator.comparing(AlertTriggerRecord::id).reversed());
      return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
  }
}
