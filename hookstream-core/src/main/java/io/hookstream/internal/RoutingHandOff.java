package io.hookstream.internal;

import io.hookstream.routing.internal.EventRouter;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.stream.ChannelBroadcaster;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of the ingest path, after the event is durable: tells stream subscribers, then wakes the
 * scheduler for tasks stored at ingest, or routes an event stored unrouted on a bounded pool (a
 * full queue leaves it to the recovery sweep). Never blocks ingest. Thread-safe.
 */
public final class RoutingHandOff implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingHandOff.class);

  private final ChannelBroadcaster streams;
  private final EventRouter router;
  private final Runnable wakeScheduler;
  private final ThreadPoolExecutor executor;

  public RoutingHandOff(
      ChannelBroadcaster streams,
      EventRouter router,
      Runnable wakeScheduler,
      int threads,
      int queueSize,
      String threadPrefix) {
    this.streams = streams;
    this.router = router;
    this.wakeScheduler = wakeScheduler;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            Threads.daemon(threadPrefix));
  }

  /** Called by the persist step with each stored event. */
  public void accept(EventRecord event) {
    streams.eventReceived(event);
    if (event.routedAt() != null) { // routed at ingest: its tasks, if any, are stored
      if (event.status() == EventStatus.PROCESSING) {
        wakeScheduler.run();
      }
      return;
    }
    try {
      executor.execute(() -> routeQuietly(event));
    } catch (RejectedExecutionException e) {
      // Durable already: the recovery sweep routes it once the grace period has passed.
      LOG.debug("routing queue full or closed; event {} left to the recovery sweep", event.id());
    }
  }

  /**
   * Takes no new work; queued hand-offs finish for up to five seconds (the sweep gets the rest).
   */
  @Override
  public void close() {
    Threads.shutdown(executor, 5);
  }

  private void routeQuietly(EventRecord event) {
    try {
      router.route(event);
    } catch (RuntimeException e) {
      LOG.warn("routing event {} failed; the recovery sweep will retry it", event.id(), e);
    }
  }
}
