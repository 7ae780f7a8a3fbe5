package io.hookstream.collection;

import java.time.Instant;

/**
 * The backfill of a collection: it replays the source's stored events, oldest first, into the
 * collection. {@code status} is {@code running}, {@code completed} or {@code failed}; {@code total}
 * is how many events were stored when it started, {@code processed} how many it has visited, {@code
 * applied} how many changed a record and {@code skipped} how many had no primary key.
 */
public record Backfill(
    String collectionId,
    String status,
    int total,
    int processed,
    int applied,
    int skipped,
    Instant startedAt,
    Instant completedAt,
    String error) {}
