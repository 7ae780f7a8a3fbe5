package io.hookstream.delivery.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's adaptive concurrency limits, one {@link AdaptiveLimit} per destination it delivers
 * to, each under the destination's cap on this node: {@code max_in_flight} (the hard cap across
 * nodes, enforced by the store's claim) and the node's share of workers. Ordered destinations stay
 * at one. A limit unused for {@link #IDLE} of clock time, or whose destination was deleted, is
 * dropped. Switched off, every limit is its cap. Each change is logged at debug. Thread-safe.
 */
public final class AdaptiveLimits {

  private static final Logger log = LoggerFactory.getLogger(AdaptiveLimits.class);

  /** A destination's limit is forgotten after this long without deliveries. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  private static final long SWEEP_NANOS = IDLE.toNanos() / 10;

  private final Clock clock;
  private final boolean enabled;
  private final int nodeShare;
  private final Map<String, AdaptiveLimit> byDestination = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /**
   * @param enabled false keeps every limit at its cap (for benchmarks and diagnosis)
   * @param nodeShare the most tasks of one destination this node holds at once
   */
  public AdaptiveLimits(Clock clock, boolean enabled, int nodeShare) {
    this.clock = clock;
    this.enabled = enabled;
    this.nodeShare = Math.max(1, nodeShare);
    this.lastSweep = clock.monotonicNanos();
  }

  /** How many tasks of the destination this node may hold now. */
  public int limit(String destinationId, Delivery delivery) {
    int cap = cap(delivery);
    if (!enabled || cap == 1) {
      return cap;
    }
    long now = clock.monotonicNanos();
    sweep(now);
    return byDestination
        .computeIfAbsent(destinationId, id -> new AdaptiveLimit(cap, now))
        .limit(cap, now);
  }

  /** The limit as it stands, without creating one: what an operator sees for {@code d}. */
  public int current(DestinationRecord d) {
    Delivery delivery = DestinationSettings.delivery(d);
    int cap = cap(delivery);
    if (!enabled || cap == 1) {
      return cap;
    }
    AdaptiveLimit limit = byDestination.get(d.id());
    return limit == null ? Math.min(cap, AdaptiveLimit.INITIAL) : limit.peek(cap);
  }

  /** This node holds {@code n} tasks of the destination after a claim. */
  public void inUse(String destinationId, int n) {
    AdaptiveLimit limit = byDestination.get(destinationId);
    if (limit != null) {
      limit.inUse(n);
    }
  }

  /** Called as a delivery starts; the value goes to {@link #finished}. */
  public long started(String destinationId) {
    AdaptiveLimit limit = byDestination.get(destinationId);
    return limit == null ? 0 : limit.token();
  }

  /** A delivery that started under {@code token} ended with {@code result} after its latency. */
  public void finished(String destinationId, long token, long latencyNanos, DeliveryResult result) {
    AdaptiveLimit limit = byDestination.get(destinationId);
    if (limit == null) {
      return;
    }
    int before = limit.peek(Integer.MAX_VALUE);
    int after = limit.record(token, LoadSignal.of(result), latencyNanos, clock.monotonicNanos());
    if (after != before) {
      log.debug("destination {}: concurrency limit {} -> {}", destinationId, before, after);
    }
  }

  /** Drops the limit of a deleted destination. */
  public void forget(String destinationId) {
    byDestination.remove(destinationId);
  }

  /** How many destinations have a limit on this node. */
  int size() {
    return byDestination.size();
  }

  private int cap(Delivery delivery) {
    return delivery.ordered() ? 1 : Math.min(Math.max(1, delivery.maxInFlight()), nodeShare);
  }

  private void sweep(long now) {
    if (now - lastSweep < SWEEP_NANOS) {
      return;
    }
    lastSweep = now;
    long idleSince = now - IDLE.toNanos();
    byDestination.values().removeIf(limit -> limit.idleSince(idleSince));
  }
}
