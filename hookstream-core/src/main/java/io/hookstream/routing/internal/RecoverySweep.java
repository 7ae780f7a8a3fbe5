package io.hookstream.routing.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds events that were stored but never routed (the engine crashed between persist and routing,
 * or the routing queue was full) and routes them. Only events older than {@code grace} are taken,
 * so the normal hand-off has time to do its work first. Thread-safe; several engines may sweep at
 * once, since routing an event twice writes once.
 */
public final class RecoverySweep {

  private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);
  private static final int BATCH = 500;

  private final Store store;
  private final Clock clock;
  private final EventRouter router;
  private final Duration grace;

  public RecoverySweep(Store store, Clock clock, EventRouter router, Duration grace) {
    this.store = store;
    this.clock = clock;
    this.router = router;
    this.grace = grace;
  }

  /** Routes every unrouted event older than the grace period; returns how many it routed. */
  public int runOnce() {
    int routed = 0;
    while (true) {
      List<EventRecord> batch = store.events().findUnrouted(clock.now().minus(grace), BATCH);
      int before = routed;
      for (EventRecord event : batch) {
        if (router.route(event)) {
          routed++;
        }
      }
      if (batch.size() < BATCH || routed == before) {
        break;
      }
    }
    if (routed > 0) {
      LOG.info("recovery sweep routed {} event(s) left unrouted", routed);
    }
    return routed;
  }
}
