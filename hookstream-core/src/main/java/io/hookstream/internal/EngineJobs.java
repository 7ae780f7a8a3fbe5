package io.hookstream.internal;

import io.hookstream.alert.AlertRuleService;
import io.hookstream.delivery.internal.NodeHeartbeat;
import io.hookstream.event.RetentionJob;
import io.hookstream.issue.IssueService;
import io.hookstream.issue.internal.FailureRateIssues;
import io.hookstream.replay.internal.ReplayRunner;
import io.hookstream.routing.internal.RecoverySweep;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Store;
import java.time.Duration;

/**
 * The engine's background jobs, each with its name and interval. The next ones (rollups) are one
 * more factory here and one more entry in the engine's list.
 */
public final class EngineJobs {

  /** How often stale issues are auto-resolved, in clock time. */
  public static final Duration ISSUE_SWEEP_INTERVAL = Duration.ofMinutes(1);

  private EngineJobs() {}

  /**
   * This node's heartbeat, at once and then every {@code interval}; a node silent for {@code
   * missedBeats} intervals is dead and its leases are released. Once per node.
   */
  public static Job heartbeat(
      Store store, Clock clock, String nodeId, Duration interval, int missedBeats) {
    NodeHeartbeat heartbeat = new NodeHeartbeat(store, nodeId, interval.multipliedBy(missedBeats));
    return Job.atStartAndEvery("node-heartbeat", interval, () -> heartbeat.beat(clock.now()));
  }

  /** Routes events stored but never routed. On every node; routing twice writes once. */
  public static Job recovery(RecoverySweep sweep, Duration interval) {
    return Job.every("recovery-sweep", interval, sweep::runOnce);
  }

  /** Resolves issues quiet for 30 minutes. On every node; resolving twice changes nothing. */
  public static Job issueAutoResolve(IssueService issues) {
    return Job.every("issue-auto-resolve", ISSUE_SWEEP_INTERVAL, issues::autoResolve);
  }

  /** How often alert rules and the failure-rate issue look for a new 5-minute window. */
  public static final Duration WINDOW_CHECK_INTERVAL = Duration.ofMinutes(1);

  /**
   * Evaluates alert rules once per 5-minute window. On every node; the store lets one node commit
   * each rule's window.
   */
  public static Job alertEvaluation(AlertRuleService rules) {
    return Job.every("alert-evaluation", WINDOW_CHECK_INTERVAL, rules::evaluateDue);
  }

  /**
   * Opens failure-rate issues once per 5-minute window. On every node; a key-value claim lets one
   * node measure each window.
   */
  public static Job failureRateIssues(FailureRateIssues issues) {
    return Job.every("failure-rate-issues", WINDOW_CHECK_INTERVAL, issues::runOnce);
  }

  /** How often replay and bulk-retry jobs are stepped: their rate limits are per second. */
  public static final Duration REPLAY_STEP_INTERVAL = Duration.ofSeconds(1);

  /**
   * Steps running replay and bulk-retry jobs. On every node; a job's lease lets one node at a time
   * step it.
   */
  public static Job replays(ReplayRunner runner) {
    return Job.every("replay-steps", REPLAY_STEP_INTERVAL, runner::runOnce);
  }

  /** Purges events past retention. On every node; a store hands an event to one purge. */
  public static Job retention(RetentionJob retention, Duration interval) {
    return Job.every("retention-purge", interval, retention::runOnce);
  }
}
