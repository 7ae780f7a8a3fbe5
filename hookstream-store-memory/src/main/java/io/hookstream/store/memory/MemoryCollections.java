package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionChange;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.CollectionRepository;
import io.hookstream.spi.store.CollectionStatsRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collections in memory. Every write holds one lock, so an upsert's compare, its write and its
 * changelog entry are one step, as the SQL stores make them one statement or transaction. Search
 * scans the records' JSON text. Thread-safe.
 */
final class MemoryCollections implements CollectionRepository {

  /** The records of one collection by key, and each key's changelog (oldest first). */
  private static final class Rows {
    final TreeMap<String, CollectionEntry> byKey = new TreeMap<>();
    final Map<String, List<CollectionChange>> changes = new HashMap<>();
    long changeCount;
    Instant lastSyncAt;
  }

  private final ScopedTable<CollectionRecord> collections =
      new ScopedTable<>("collection", CollectionRecord::id, CollectionRecord::scope, true);
  private final Map<String, Rows> rows = new ConcurrentHashMap<>();
  private final Map<String, BackfillRecord> backfills = new ConcurrentHashMap<>();
  private final MemoryEvents events;

  MemoryCollections(MemoryEvents events) {
    this.events = events;
  }

  @Override
  public synchronized void insert(CollectionRecord collection) {
    checkSlugFree(collection);
    collections.insert(collection);
    rows.put(collection.id(), new Rows());
  }

  @Override
  public Optional<CollectionRecord> find(Scope scope, String id) {
    return collections.get(scope, id);
  }

  /** How many collections {@code scope} has. */
  long count(Scope scope) {
    long n = 0;
    for (Iterator<CollectionRecord> it = collections.oldestFirst(scope); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  @Override
  public Page<CollectionRecord> list(Scope scope, PageRequest page) {
    return collections.page(scope, page, c -> true);
  }

  @Override
  public List<CollectionRecord> ofSource(Scope scope, String sourceId) {
    List<CollectionRecord> found = new ArrayList<>();
    for (Iterator<CollectionRecord> it = collections.oldestFirst(scope); it.hasNext(); ) {
      CollectionRecord c = it.next();
      if (c.sourceId().equals(sourceId)) {
        found.add(c);
      }
    }
    return found;
  }

  @Override
  public List<CollectionRecord> all(String afterId, int limit) {
    return collections.all().stream()
        .filter(c -> afterId == null || c.id().compareTo(afterId) > 0)
        .sorted(Comparator.comparing(CollectionRecord::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean update(CollectionRecord collection) {
    CollectionRecord stored = collections.get(collection.scope(), collection.id()).orElse(null);
    if (stored == null || stored.version() != collection.version() - 1) {
      return false;
    }
    checkSlugFree(collection);
    collections.update(
        collection.scope(),
        collection.id(),
        old -> collection.withSyncState(old.syncedThrough(), old.skippedMissingKey()));
    return true;
  }

  @Override
  public synchronized boolean delete(Scope scope, String id) {
    if (collections.remove(scope, id).isEmpty()) {
      return false;
    }
    rows.remove(id);
    backfills.remove(id);
    return true;
  }

  @Override
  public synchronized boolean advanceSync(
      Scope scope, String id, String expectedCursor, String newCursor, long moreSkipped) {
    CollectionRecord stored = collections.get(scope, id).orElse(null);
    if (stored == null || !Objects.equals(stored.syncedThrough(), expectedCursor)) {
      return false;
    }
    collections.update(
        scope, id, old -> old.withSyncState(newCursor, old.skippedMissingKey() + moreSkipped));
    return true;
  }

  @Override
  public List<EventRecord> sourceEvents(
      Scope scope, String sourceId, String afterEventId, Instant receivedBefore, int limit) {
    List<EventRecord> found = new ArrayList<>();
    for (Iterator<EventRecord> it = events.oldestFirstAfter(scope, afterEventId);
        it.hasNext() && found.size() < limit; ) {
      EventRecord e = it.next();
      if (receivedBefore != null && !e.receivedAt().isBefore(receivedBefore)) {
        continue;
      }
      if (!e.duplicate() && e.sourceId().equals(sourceId)) {
        found.add(e);
      }
    }
    return found;
  }

  @Override
  public int countSourceEvents(Scope scope, String sourceId, int cap) {
    int n = 0;
    for (Iterator<EventRecord> it = events.oldestFirst(scope); it.hasNext() && n < cap; ) {
      EventRecord e = it.next();
      if (!e.duplicate() && e.sourceId().equals(sourceId)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized Optional<CollectionEntry> upsert(CollectionEntry candidate, String changeId) {
    Rows of = rows.get(candidate.collectionId());
    if (of == null) {
      return Optional.empty(); // the collection was deleted meanwhile
    }
    CollectionEntry stored = of.byKey.get(candidate.key());
    if (stored != null && !candidate.newerThan(stored)) {
      return Optional.empty();
    }
    CollectionEntry written = stored == null ? candidate : candidate.withId(stored.id());
    of.byKey.put(candidate.key(), written);
    of.changes
        .computeIfAbsent(candidate.key(), k -> new ArrayList<>())
        .add(
            new CollectionChange(
                changeId,
                candidate.collectionId(),
                candidate.key(),
                candidate.eventId(),
                candidate.sourceEventAt(),
                candidate.data(),
                candidate.syncedAt()));
    of.changeCount++;
    if (of.lastSyncAt == null || candidate.syncedAt().isAfter(of.lastSyncAt)) {
      of.lastSyncAt = candidate.syncedAt();
    }
    return Optional.of(written);
  }

  @Override
  public synchronized Optional<CollectionEntry> findEntry(
      Scope scope, String collectionId, String key) {
    return rowsOf(scope, collectionId).map(r -> r.byKey.get(key));
  }

  @Override
  public synchronized List<CollectionEntry> entries(
      Scope scope, String collectionId, String search, String afterKey, int limit) {
    Rows of = rowsOf(scope, collectionId).orElse(null);
    if (of == null) {
      return List.of();
    }
    String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
    List<CollectionEntry> found = new ArrayList<>();
    var tail = afterKey == null ? of.byKey : of.byKey.tailMap(afterKey, false);
    for (CollectionEntry e : tail.values()) {
      if (found.size() == limit) {
        break;
      }
      if (needle == null || e.data().toLowerCase(Locale.ROOT).contains(needle)) {
        found.add(e);
      }
    }
    return found;
  }

  @Override
  public synchronized List<CollectionChange> changes(
      Scope scope, String collectionId, String key, int limit) {
    List<CollectionChange> log =
        rowsOf(scope, collectionId).map(r -> r.changes.get(key)).orElse(List.of());
    List<CollectionChange> newestFirst = new ArrayList<>();
    for (int i = log.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      newestFirst.add(log.get(i));
    }
    return newestFirst;
  }

  @Override
  public synchronized CollectionStatsRecord stats(Scope scope, String collectionId) {
    Rows of = rowsOf(scope, collectionId).orElse(null);
    if (of == null) {
      return new CollectionStatsRecord(0, 0, 0, null);
    }
    long bytes = 0;
    for (CollectionEntry e : of.byKey.values()) {
      bytes += e.data().getBytes(StandardCharsets.UTF_8).length;
    }
    return new CollectionStatsRecord(of.byKey.size(), bytes, of.changeCount, of.lastSyncAt);
  }

  @Override
  public Optional<BackfillRecord> findBackfill(Scope scope, String collectionId) {
    return Optional.ofNullable(backfills.get(collectionId)).filter(b -> b.scope().equals(scope));
  }

  @Override
  public synchronized boolean startBackfill(BackfillRecord backfill) {
    BackfillRecord stored = backfills.get(backfill.collectionId());
    if (stored != null && stored.active()) {
      return false;
    }
    backfills.put(backfill.collectionId(), backfill);
    return true;
  }

  @Override
  public synchronized boolean compareAndSetBackfill(BackfillRecord updated, long expectedVersion) {
    BackfillRecord stored = backfills.get(updated.collectionId());
    if (stored == null || stored.version() != expectedVersion) {
      return false;
    }
    backfills.put(updated.collectionId(), updated);
    return true;
  }

  @Override
  public List<BackfillRecord> runnableBackfills(String owner, Instant now, int limit) {
    return backfills.values().stream()
        .filter(b -> b.active() && leasable(b, owner, now))
        .sorted(Comparator.comparing(BackfillRecord::collectionId))
        .limit(limit)
        .toList();
  }

  private static boolean leasable(BackfillRecord b, String owner, Instant now) {
    return b.leaseOwner() == null
        || b.leaseOwner().equals(owner)
        || b.leaseExpiresAt() == null
        || !b.leaseExpiresAt().isAfter(now);
  }

  private Optional<Rows> rowsOf(Scope scope, String collectionId) {
    return collections.get(scope, collectionId).map(c -> rows.get(collectionId));
  }

  private void checkSlugFree(CollectionRecord c) {
    for (Iterator<CollectionRecord> it = collections.oldestFirst(c.scope()); it.hasNext(); ) {
      CollectionRecord other = it.next();
      if (other.slug().equals(c.slug()) && !other.id().equals(c.id())) {
        throw new HookstreamException(
            ErrorCode.CONFLICT, "collection slug already exists: " + c.slug());
      }
    }
  }
}
