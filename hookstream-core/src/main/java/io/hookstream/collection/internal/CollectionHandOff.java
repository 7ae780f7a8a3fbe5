package io.hookstream.collection.internal;

import io.hookstream.internal.ExpiringCache;
import io.hookstream.internal.Threads;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of collection sync: each event, once durable, is upserted into its source's
 * collections on a small bounded pool, so records follow events within milliseconds. It is not the
 * durable path: an event it loses (full queue, crash) is applied by the {@link SyncSweep}. A
 * source's collections are cached for {@code ttl}, and an event of a source without collections
 * costs one cache lookup. Never blocks ingest. Thread-safe.
 */
public final class CollectionHandOff implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectionHandOff.class);

  private record SourceKey(Scope scope, String sourceId) {}

  private final Store store;
  private final CollectionSync sync;
  private final ExpiringCache<SourceKey, List<CollectionRecord>> bySource;
  private final ThreadPoolExecutor executor;

  public CollectionHandOff(
      Store store,
      CollectionSync sync,
      Clock clock,
      Duration ttl,
      int queueSize,
      String threadPrefix) {
    this.store = store;
    this.sync = sync;
    this.bySource = new ExpiringCache<>(clock, ttl, ExpiringCache.DEFAULT_MAX_ENTRIES);
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            Threads.daemon(threadPrefix));
  }

  /** Called with each stored event. */
  public void accept(EventRecord event) {
    if (event.duplicate()) {
      return;
    }
    List<CollectionRecord> collections =
        bySource.load(
            new SourceKey(event.scope(), event.sourceId()),
            k -> store.collections().ofSource(k.scope(), k.sourceId()));
    if (collections.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> applyQuietly(collections, event));
    } catch (RejectedExecutionException e) {
      LOG.debug("collection queue full or closed; event {} left to the sync sweep", event.id());
    }
  }

  /** Forgets the cached collections of a source after one of them changed on this engine. */
  public void invalidate(Scope scope, String sourceId) {
    bySource.invalidate(new SourceKey(scope, sourceId));
  }

  /** Takes no new work; queued events finish for up to five seconds (the sweep gets the rest). */
  @Override
  public void close() {
    Threads.shutdown(executor, 5);
  }

  private void applyQuietly(List<CollectionRecord> collections, EventRecord event) {
    try {
      sync.apply(collections, event);
    } catch (RuntimeException e) {
      LOG.warn("syncing event {} into collections failed; the sync sweep retries", event.id(), e);
    }
  }
}
