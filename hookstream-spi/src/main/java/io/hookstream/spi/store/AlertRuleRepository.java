package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alert rules, their evaluation state and their trigger history. */
public interface AlertRuleRepository {

  /** Stores a new rule; CONFLICT if the id exists. */
  void insert(AlertRuleRecord rule);

  Optional<AlertRuleRecord> find(Scope scope, String id);

  /** Rules newest first. */
  Page<AlertRuleRecord> list(Scope scope, PageRequest page);

  /**
   * Replaces what a user edits (name, type, config, source, destination, channels, cooldown,
   * enabled, updatedAt), leaving the evaluation state as stored; false if unknown.
   */
  boolean update(AlertRuleRecord rule);

  /** Removes the rule and its history; false if unknown. */
  boolean delete(Scope scope, String id);

  /** The rules of the scope that send to channel {@code channelId}, oldest first. */
  List<AlertRuleRecord> usingChannel(Scope scope, String channelId);

  /**
   * Across tenants: enabled rules not yet evaluated for the window ending at {@code window} (their
   * last window is null or earlier), oldest first, at most {@code limit}.
   */
  List<AlertRuleRecord> dueForWindow(Instant window, int limit);

  /**
   * In one atomic step, only if the rule exists and its last window is null or before {@code
   * e.window()}: stores the new state and window, the history entry and the notification tasks. Two
   * nodes committing the same window: one wins, the other writes nothing.
   *
   * @return whether this call claimed the window
   */
  boolean commitEvaluation(AlertEvaluation e);

  /** The rule's history newest first, at most {@code limit}. */
  List<AlertTriggerRecord> history(Scope scope, String ruleId, int limit);
}
