package io.hookstream.collection.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One step of every running backfill, run by the engine's job runner. A step takes the backfill's
 * lease for this node, upserts the next {@code batch} of the source's events received before the
 * backfill started (oldest first), and moves the cursor past them with the counts in one
 * compare-and-set: a restart resumes after the last batch written, and of two nodes only one writes
 * a step. Events are re-applied at most once per lost step, which changes nothing. Thread-safe.
 */
public final class BackfillRunner {

  /** How long a node keeps a backfill after its last step: another node takes over after this. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  private static final int MAX_PER_RUN = 20;

  private final Store store;
  private final Clock clock;
  private final String nodeId;
  private final CollectionSync sync;
  private final int batch;
  private final Consumer<BackfillRecord> progress;

  public BackfillRunner(
      Store store,
      Clock clock,
      String nodeId,
      CollectionSync sync,
      int batch,
      Consumer<BackfillRecord> progress) {
    this.store = store;
    this.clock = clock;
    this.nodeId = nodeId;
    this.sync = sync;
    this.batch = batch;
    this.progress = progress;
  }

  /** Steps every backfill this node may take; returns how many steps were written. */
  public int runOnce() {
    Instant now = clock.now();
    int written = 0;
    for (BackfillRecord b : store.collections().runnableBackfills(nodeId, now, MAX_PER_RUN)) {
      Optional<CollectionRecord> c = store.collections().find(b.scope(), b.collectionId());
      if (c.isPresent() && step(c.get(), b, now)) {
        written++;
      }
    }
    return written;
  }

  private boolean step(CollectionRecord c, BackfillRecord b, Instant now) {
    List<EventRecord> events =
        store
            .collections()
            .sourceEvents(c.scope(), c.sourceId(), b.cursorEventId(), b.startedAt(), batch);
    int applied = 0;
    int skipped = 0;
    for (EventRecord e : events) {
      switch (sync.apply(c, e, sync.bodyOf(e))) {
        case APPLIED -> applied++;
        case NO_KEY -> skipped++;
        case STALE -> {}
      }
    }
    String cursor = events.isEmpty() ? b.cursorEventId() : events.get(events.size() - 1).id();
    BackfillRecord next =
        b.stepped(
            events.size(),
            applied,
            skipped,
            cursor,
            nodeId,
            now.plus(LEASE),
            events.size() < batch,
            clock.now());
    if (!store.collections().compareAndSetBackfill(next, b.version())) {
      return false;
    }
    progress.accept(next);
    return true;
  }
}
