package io.hookstream.collection.internal;

import io.hookstream.collection.Backfill;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.collection.DataRecord;
import io.hookstream.collection.RecordChange;
import io.hookstream.internal.Validation;
import io.hookstream.routing.internal.FieldPath;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionChange;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;

/**
 * Checks collection specs (a name, a URL-safe slug, a source of the same environment, paths that
 * parse as filter field paths) and converts stored collections, records, changes and backfills to
 * the API's types. Stateless apart from the store.
 */
public final class Collections {

  private final Store store;

  public Collections(Store store) {
    this.store = store;
  }

  /** The record to store for {@code spec}; a 422 naming every bad field. */
  public CollectionRecord check(
      CollectionSpec spec,
      String id,
      Scope scope,
      CollectionRecord current,
      long version,
      Instant createdAt,
      Instant now) {
    Validation v = new Validation();
    String slug = v.nameSlugAndDescription(spec.name(), spec.slug(), null);
    if (spec.sourceId() == null || spec.sourceId().isBlank()) {
      v.error("source_id", "is required");
    } else if (store.sources().find(scope, spec.sourceId()).filter(s -> !s.deleted()).isEmpty()) {
      v.error("source_id", "no source " + spec.sourceId() + " in this environment");
    }
    path(v, "primary_key_path", spec.primaryKeyPath(), true);
    path(v, "event_time_path", spec.eventTimePath(), false);
    v.throwIfInvalid();
    CollectionRecord checked =
        new CollectionRecord(
            id,
            scope.orgId(),
            scope.envId(),
            spec.name(),
            slug,
            spec.sourceId(),
            spec.primaryKeyPath(),
            spec.eventTimePath(),
            null,
            0,
            version,
            createdAt,
            now);
    return current == null
        ? checked
        : checked.withSyncState(current.syncedThrough(), current.skippedMissingKey());
  }

  private static void path(Validation v, String field, String path, boolean required) {
    if (path == null) {
      if (required) {
        v.error(field, "is required, a dot-notation path such as data.id");
      }
      return;
    }
    v.checkLength(field, path, 500);
    FieldPath.problem(path).ifPresent(p -> v.error(field, p));
  }

  public static Collection toApi(CollectionRecord c, long recordCount) {
    return new Collection(
        c.id(),
        c.name(),
        c.slug(),
        c.sourceId(),
        c.primaryKeyPath(),
        c.eventTimePath(),
        recordCount,
        c.createdAt(),
        c.updatedAt());
  }

  public static DataRecord toApi(CollectionEntry e) {
    return new DataRecord(
        e.id(), e.collectionId(), e.key(), e.data(), e.eventId(), e.sourceEventAt(), e.syncedAt());
  }

  public static RecordChange toApi(CollectionChange c) {
    return new RecordChange(
        c.id(), c.collectionId(), c.key(), c.eventId(), c.sourceEventAt(), c.data(), c.createdAt());
  }

  public static Backfill toApi(BackfillRecord b) {
    return new Backfill(
        b.collectionId(),
        b.status(),
        b.total(),
        b.processed(),
        b.applied(),
        b.skipped(),
        b.startedAt(),
        b.completedAt(),
        b.error());
  }
}
