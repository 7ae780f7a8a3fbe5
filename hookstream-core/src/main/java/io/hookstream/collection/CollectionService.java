package io.hookstream.collection;

import io.hookstream.collection.internal.Collections;
import io.hookstream.collection.internal.RecordExport;
import io.hookstream.collection.internal.SchemaInference;
import io.hookstream.internal.Ids;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.CollectionStatsRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Collections: create, read, change and delete them; read their records, changelogs, stats and
 * inferred schema; export them; start and follow a backfill. Records are written by the engine as
 * events arrive (see {@code docs/collections.md}), never through this service. Thread-safe.
 */
public final class CollectionService {

  /** Changelog entries returned when the caller names no limit. */
  public static final int DEFAULT_CHANGELOG_LIMIT = 50;

  /** Events counted at most for a backfill's {@code total}. */
  static final int MAX_BACKFILL_TOTAL = 10_000_000;

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final Collections checks;
  private final BiConsumer<Scope, String> sourceChanged;
  private final Consumer<BackfillRecord> backfillChanged;

  /**
   * {@code sourceChanged} hears of every source whose collections changed (to drop caches); {@code
   * backfillChanged} of every backfill started.
   */
  public CollectionService(
      Store store,
      Clock clock,
      BiConsumer<Scope, String> sourceChanged,
      Consumer<BackfillRecord> backfillChanged) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.checks = new Collections(store);
    this.sourceChanged = sourceChanged;
    this.backfillChanged = backfillChanged;
  }

  /**
   * Creates a collection that syncs the source's events from now on (earlier ones by {@link
   * #startBackfill}). 422 naming the field for a bad path or an unknown source; CONFLICT for a
   * taken slug.
   */
  public Collection create(Scope scope, CollectionSpec spec) {
    var now = clock.now();
    CollectionRecord c = checks.check(spec, ids.next("col"), scope, null, 1, now, now);
    CollectionRecord synced = c.withSyncState(Ids.floor("evt", now), 0);
    store.collections().insert(synced);
    sourceChanged.accept(scope, c.sourceId());
    return Collections.toApi(synced, 0);
  }

  public Optional<Collection> get(Scope scope, String id) {
    return store.collections().find(scope, id).map(c -> toApi(scope, c));
  }

  public Collection require(Scope scope, String id) {
    return toApi(scope, stored(scope, id));
  }

  /** Collections newest first, each with its record count. */
  public Page<Collection> list(Scope scope, PageRequest page) {
    var stored =
        store
            .collections()
            .list(scope, new io.hookstream.spi.store.PageRequest(page.after(), page.limit()));
    return new Page<>(
        stored.items().stream().map(c -> toApi(scope, c)).toList(),
        stored.nextAfter(),
        stored.hasMore());
  }

  /** Changes name, slug or paths; the source stays. */
  public Collection update(Scope scope, String id, UnaryOperator<CollectionSpec.Builder> changes) {
    CollectionRecord current = stored(scope, id);
    CollectionSpec spec =
        changes
            .apply(
                CollectionSpec.builder()
                    .name(current.name())
                    .slug(current.slug())
                    .primaryKeyPath(current.primaryKeyPath())
                    .eventTimePath(current.eventTimePath()))
            .sourceId(current.sourceId())
            .build();
    CollectionRecord next =
        checks.check(
            spec, id, scope, current, current.version() + 1, current.createdAt(), clock.now());
    if (!store.collections().update(next)) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "collection " + id + " was changed concurrently; read it again and retry");
    }
    sourceChanged.accept(scope, current.sourceId());
    return toApi(scope, next);
  }

  /** Deletes the collection with all its records and changelog. */
  public void delete(Scope scope, String id) {
    CollectionRecord c = stored(scope, id);
    if (!store.collections().delete(scope, id)) {
      throw HookstreamException.notFound("collection", id);
    }
    sourceChanged.accept(scope, c.sourceId());
  }

  /**
   * Records in key order; {@code page.after()} is the last key of the previous page. {@code search}
   * (null for all) keeps records whose JSON contains it, ignoring case.
   */
  public Page<DataRecord> records(Scope scope, String id, String search, PageRequest page) {
    stored(scope, id);
    String needle = search == null || search.isBlank() ? null : search;
    List<CollectionEntry> fetched =
        store.collections().entries(scope, id, needle, page.after(), page.limit() + 1);
    boolean more = fetched.size() > page.limit();
    List<CollectionEntry> items = more ? fetched.subList(0, page.limit()) : fetched;
    return new Page<>(
        items.stream().map(Collections::toApi).toList(),
        more ? items.get(items.size() - 1).key() : null,
        more);
  }

  public Optional<DataRecord> record(Scope scope, String id, String key) {
    stored(scope, id);
    return store.collections().findEntry(scope, id, key).map(Collections::toApi);
  }

  /** The record's applied changes, newest first; 404 if the collection or record is unknown. */
  public List<RecordChange> changelog(Scope scope, String id, String key, int limit) {
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw HookstreamException.invalid("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    record(scope, id, key).orElseThrow(() -> HookstreamException.notFound("record", key));
    return store.collections().changes(scope, id, key, limit).stream()
        .map(Collections::toApi)
        .toList();
  }

  public CollectionStats stats(Scope scope, String id) {
    CollectionRecord c = stored(scope, id);
    CollectionStatsRecord s = store.collections().stats(scope, id);
    return new CollectionStats(
        s.recordCount(),
        s.dataBytes(),
        s.changelogEntries(),
        s.lastSyncAt(),
        c.skippedMissingKey());
  }

  /** The schema of up to {@link SchemaInference#SAMPLE} records (the first in key order). */
  public InferredSchema schema(Scope scope, String id) {
    stored(scope, id);
    SchemaInference inference = new SchemaInference();
    store
        .collections()
        .entries(scope, id, null, null, SchemaInference.SAMPLE)
        .forEach(e -> inference.add(e.data()));
    return inference.result();
  }

  /**
   * Writes every record to {@code out} in {@code format}, page by page (constant memory). 404
   * before anything is written if the collection is unknown.
   */
  public void export(Scope scope, String id, ExportFormat format, OutputStream out)
      throws IOException {
    new RecordExport(store, stored(scope, id)).write(format, out);
  }

  /**
   * Starts a backfill of the source's events stored until now; the engine's job runner steps it.
   * CONFLICT while one is running.
   */
  public Backfill startBackfill(Scope scope, String id) {
    CollectionRecord c = stored(scope, id);
    long version = store.collections().findBackfill(scope, id).map(b -> b.version() + 1).orElse(1L);
    int total = store.collections().countSourceEvents(scope, c.sourceId(), MAX_BACKFILL_TOTAL);
    BackfillRecord b = BackfillRecord.started(id, scope, total, version, clock.now());
    if (!store.collections().startBackfill(b)) {
      throw new HookstreamException(
          ErrorCode.CONFLICT, "a backfill of collection " + id + " is already running");
    }
    backfillChanged.accept(b);
    return Collections.toApi(b);
  }

  /** The collection's latest backfill; 404 if it never had one. */
  public Backfill backfill(Scope scope, String id) {
    stored(scope, id);
    return store
        .collections()
        .findBackfill(scope, id)
        .map(Collections::toApi)
        .orElseThrow(() -> HookstreamException.notFound("backfill of collection", id));
  }

  private CollectionRecord stored(Scope scope, String id) {
    return store
        .collections()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("collection", id));
  }

  private Collection toApi(Scope scope, CollectionRecord c) {
    return Collections.toApi(c, store.collections().stats(scope, c.id()).recordCount());
  }
}
