package io.hookstream.internal;

import io.hookstream.collection.internal.BackfillRunner;
import io.hookstream.collection.internal.SyncSweep;
import io.hookstream.delivery.internal.NodeHeartbeat;
import io.hookstream.event.RetentionJob;
import io.hookstream.issue.IssueService;
import io.hookstream.replay.internal.ReplayRunner;
import io.hookstream.routing.internal.RecoverySweep;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Store;
import java.time.Duration;

/**
 * The engine's background jobs, each with its name and interval. The next ones (alert evaluation,
 * rollups) are one more factory here and one more entry in the engine's list.
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

  /** How often replay and bulk-retry jobs are stepped: their rate limits are per second. */
  public static final Duration REPLAY_STEP_INTERVAL = Duration.ofSeconds(1);

  /**
   * Steps running replay and bulk-retry jobs. On every node; a job's lease lets one node at a time
   * step it.
   */
  public static Job replays(ReplayRunner runner) {
    return Job.every("replay-steps", REPLAY_STEP_INTERVAL, runner::runOnce);
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
}
