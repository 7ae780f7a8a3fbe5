package io.hookstream.collection.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable path of collection sync. Each collection keeps a cursor, the last event id the sweep
 * has applied; the sweep applies the source's later events received more than {@code grace} ago, in
 * id order, and moves the cursor past them together with the count of events without a key, in one
 * compare-and-set. The grace leaves recent events to the {@link CollectionHandOff} and lets an
 * ingest that took an id earlier but committed later land before the cursor passes it. Several
 * engines may sweep at once: applying twice changes nothing, and only one cursor move (with its
 * skip count) wins. Thread-safe.
 */
public final class SyncSweep {

  static final int BATCH = 500;
  private static final int COLLECTIONS_PER_PAGE = 100;

  private final Store store;
  private final Clock clock;
  private final CollectionSync sync;
  private final Duration grace;

  public SyncSweep(Store store, Clock clock, CollectionSync sync, Duration grace) {
    this.store = store;
    this.clock = clock;
    this.sync = sync;
    this.grace = grace;
  }

  /** Brings every collection's cursor up to the grace period; returns how many events it read. */
  public int runOnce() {
    Instant before = clock.now().minus(grace);
    int read = 0;
    String after = null;
    while (true) {
      List<CollectionRecord> page = store.collections().all(after, COLLECTIONS_PER_PAGE);
      for (CollectionRecord c : page) {
        read += catchUp(c, before);
      }
      if (page.size() < COLLECTIONS_PER_PAGE) {
        return read;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private int catchUp(CollectionRecord c, Instant before) {
    String cursor = c.syncedThrough();
    int read = 0;
    while (true) {
      List<EventRecord> events =
          store.collections().sourceEvents(c.scope(), c.sourceId(), cursor, before, BATCH);
      if (events.isEmpty()) {
        return read;
      }
      long skipped = 0;
      for (EventRecord e : events) {
        if (sync.apply(c, e, sync.bodyOf(e)) == CollectionSync.Outcome.NO_KEY) {
          skipped++;
        }
      }
      String next = events.get(events.size() - 1).id();
      read += events.size();
      if (!store.collections().advanceSync(c.scope(), c.id(), cursor, next, skipped)) {
        return read; // another engine moved it (or the collection is gone): its count stands
      }
      cursor = next;
      if (events.size() < BATCH) {
        return read;
      }
    }
  }
}
