package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Collections, their records and changelogs, and their backfills. A record is written only through
 * {@link #upsert}, which keeps the newest version per key (last write wins by the event's time,
 * ties by event id) and appends to the changelog in the same atomic step, so several engines
 * upserting one key in any order converge on the same record with one changelog entry per applied
 * change.
 */
public interface CollectionRepository {

  /** CONFLICT if the id or the slug is taken in the collection's environment. */
  void insert(CollectionRecord collection);

  Optional<CollectionRecord> find(Scope scope, String id);

  /** Collections newest first. */
  Page<CollectionRecord> list(Scope scope, PageRequest page);

  /** The collections following {@code sourceId}, oldest first. */
  List<CollectionRecord> ofSource(Scope scope, String sourceId);

  /**
   * Across all tenants, for the sync sweep: up to {@code limit} collections after {@code afterId}
   * (all when null), in id order.
   */
  List<CollectionRecord> all(String afterId, int limit);

  /**
   * Replaces name, slug, paths and times if the stored version is {@code collection.version() - 1};
   * the sync state is kept. CONFLICT if the new slug is taken.
   */
  boolean update(CollectionRecord collection);

  /** Deletes the collection with its records, changelog and backfill; false if unknown. */
  boolean delete(Scope scope, String id);

  /**
   * Moves the sync state if {@code syncedThrough} is still {@code expectedCursor}: the cursor to
   * {@code newCursor}, and {@code skippedMissingKey} up by {@code moreSkipped}. False otherwise
   * (another node moved it first: nothing written).
   */
  boolean advanceSync(
      Scope scope, String id, String expectedCursor, String newCursor, long moreSkipped);

  /**
   * The non-duplicate events of {@code sourceId} with an id above {@code afterEventId} (all when
   * null) received before {@code receivedBefore} (no bound when null), oldest first (id order), at
   * most {@code limit}.
   */
  List<EventRecord> sourceEvents(
      Scope scope, String sourceId, String afterEventId, Instant receivedBefore, int limit);

  /** How many non-duplicate events of {@code sourceId} are stored, counting at most {@code cap}. */
  int countSourceEvents(Scope scope, String sourceId, int cap);

  /**
   * Stores {@code candidate} if its key is new or it is newer than the stored version ({@link
   * CollectionEntry#newerThan}), and then appends a changelog entry with id {@code changeId}, in
   * one atomic step. Returns the record as now stored (under the id of the version it replaced), or
   * empty when the stored version is as new or newer (nothing written).
   */
  Optional<CollectionEntry> upsert(CollectionEntry candidate, String changeId);

  Optional<CollectionEntry> findEntry(Scope scope, String collectionId, String key);

  /**
   * Records in key order after {@code afterKey} (from the first when null), at most {@code limit};
   * when {@code search} is not null only those whose JSON text contains it, ignoring case.
   */
  List<CollectionEntry> entries(
      Scope scope, String collectionId, String search, String afterKey, int limit);

  /** The changelog of one record, newest first, at most {@code limit}. */
  List<CollectionChange> changes(Scope scope, String collectionId, String key, int limit);

  CollectionStatsRecord stats(Scope scope, String collectionId);

  Optional<BackfillRecord> findBackfill(Scope scope, String collectionId);

  /**
   * Stores a new running backfill, replacing a finished one of the same collection; false (nothing
   * written) while one is running.
   */
  boolean startBackfill(BackfillRecord backfill);

  /** Replaces the backfill if its stored version is {@code expectedVersion}. */
  boolean compareAndSetBackfill(BackfillRecord updated, long expectedVersion);

  /**
   * Across all tenants: up to {@code limit} running backfills that {@code owner} may step at {@code
   * now} (no lease, its own, or an expired one).
   */
  List<BackfillRecord> runnableBackfills(String owner, Instant now, int limit);
}
