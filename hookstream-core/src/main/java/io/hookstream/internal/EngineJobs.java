package io.hookstream.internal;

import io.hookstream.alert.AlertRuleService;
import io.hookstream.collection.internal.BackfillRunner;
import io.hookstream.collection.internal.SyncSweep;
import io.hookstream.delivery.internal.NodeHeartbeat;
import io.hookstream.event.RetentionJob;
import io.hookstream.issue.IssueService;
import io.hookstream.issue.internal.FailureRateIssues;
import io.hookstream.metrics.internal.RollupJob;
import io.hookstream.replay.internal.ReplayRunner;
import io.hookstream.routing.internal.RecoverySweep;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Store;
import io.hookstream.testsession.TestSessionService;
import io.hookstream.tools.ToolsService;
import io.hookstream.tools.internal.ScheduledSendRunner;
import java.time.Duration;

/**
 * The engine's background jobs, each with its name and interval. Another job is one more factory
 * here and one more entry in the engine's list.
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

  /** How often closed hours are rolled up into metrics rollups, in clock time. */
  public static final Duration ROLLUP_INTERVAL = Duration.ofMinutes(5);

  /**
   * Writes the hourly and daily metrics rollups of closed buckets. On every node; two nodes write
   * the same rows by key and the watermark only moves forward.
   */
  public static Job rollups(RollupJob rollups) {
    return Job.every("metrics-rollups", ROLLUP_INTERVAL, rollups::runOnce);
  }

  /**
   * Applies the events collections have not seen yet (the durable path of collection sync). On
   * every node; applying twice changes nothing, and one cursor move wins.
   */
  public static Job collectionSync(SyncSweep sweep, Duration interval) {
    return Job.every("collection-sync", interval, sweep::runOnce);
  }

  /** Steps running backfills, once a second. On every node; a backfill's lease picks one. */
  public static Job backfills(BackfillRunner runner) {
    return Job.every("collection-backfill", REPLAY_STEP_INTERVAL, runner::runOnce);
  }

  /** Purges events past retention. On every node; a store hands an event to one purge. */
  public static Job retention(RetentionJob retention, Duration interval) {
    return Job.every("retention-purge", interval, retention::runOnce);
  }

  /** How often expired test sessions are looked for, in clock time. */
  public static final Duration TEST_SESSION_PURGE_INTERVAL = Duration.ofMinutes(10);

  /**
   * Deletes expired test sessions with their events. On every node; a store purges a session once.
   */
  public static Job testSessionPurge(TestSessionService sessions) {
    return Job.every("test-session-purge", TEST_SESSION_PURGE_INTERVAL, sessions::purgeExpired);
  }

  /** How often due scheduled sends are looked for: their delays are whole seconds. */
  public static final Duration SCHEDULED_SEND_INTERVAL = Duration.ofSeconds(1);

  /** How often finished scheduled sends past their retention are deleted. */
  public static final Duration SCHEDULED_SEND_PURGE_INTERVAL = Duration.ofHours(1);

  /**
   * Sends the tools' due scheduled sends every second (not inside {@code start()}: a backlog must
   * not hold it up). On every node; a lease gives each send to one.
   */
  public static Job scheduledSends(ScheduledSendRunner runner) {
    return Job.every("scheduled-sends", SCHEDULED_SEND_INTERVAL, runner::runOnce);
  }

  /** Deletes scheduled sends finished a week ago. On every node; deleting twice is harmless. */
  public static Job scheduledSendPurge(ScheduledSendRunner runner) {
    return Job.every(
        "scheduled-send-purge",
        SCHEDULED_SEND_PURGE_INTERVAL,
        () -> runner.purgeFinished(ToolsService.FINISHED_SEND_RETENTION));
  }
}
