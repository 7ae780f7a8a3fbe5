package io.hookstream.issue.internal;

import io.hookstream.alert.internal.AlertEvaluator;
import io.hookstream.issue.IssueSeverity;
import io.hookstream.spi.Clock;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.DestinationWindowStats;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.WindowStats;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens (or adds to) a {@code failure_rate} issue for each destination whose failed attempts in the
 * last whole 5-minute window reach the threshold. One node measures each window: it claims the
 * window in the key-value store first. While the rate stays high the issue's last occurrence moves
 * on every window, so the issue auto-resolves 30 minutes after it falls. Thread-safe.
 */
public final class FailureRateIssues {

  private static final Duration CLAIM_TTL = Duration.ofHours(1);
  private static final int MAX_DESTINATIONS = 10_000;

  private final Store store;
  private final KeyValueStore kv;
  private final Clock clock;
  private final IssueTracker tracker;
  private final String nodeId;
  private final double threshold;
  private final int minAttempts;

  public FailureRateIssues(
      Store store,
      KeyValueStore kv,
      Clock clock,
      IssueTracker tracker,
      String nodeId,
      double threshold,
      int minAttempts) {
    this.store = store;
    this.kv = kv;
    this.clock = clock;
    this.tracker = tracker;
    this.nodeId = nodeId;
    this.threshold = threshold;
    this.minAttempts = minAttempts;
  }

  /** Measures the last whole window if no node did; returns how many issues it recorded. */
  public int runOnce() {
    Instant now = clock.now();
    Instant end = AlertEvaluator.windowEnd(now);
    String claim = "hookstream:failure-rate-window:" + end.toEpochMilli();
    if (kv.putIfAbsent(claim, nodeId, CLAIM_TTL).isPresent()) {
      return 0;
    }
    int recorded = 0;
    for (DestinationWindowStats d :
        store
            .monitoring()
            .attemptsByDestination(
                end.minus(AlertEvaluator.WINDOW), end, minAttempts, MAX_DESTINATIONS)) {
      WindowStats s = d.stats();
      if (s.failureRatio() >= threshold) {
        tracker.record(
            d.scope(),
            d.destinationId(),
            IssueSeverity.FAILURE_RATE,
            Math.round(s.failureRatio() * 100)
                + "% of deliveries failed in 5 minutes ("
                + s.failures()
                + " of "
                + s.attempts()
                + " attempts)",
            null,
            now);
        recorded++;
      }
    }
    return recorded;
  }
}
