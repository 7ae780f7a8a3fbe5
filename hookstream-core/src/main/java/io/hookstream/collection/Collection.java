package io.hookstream.collection;

import java.time.Instant;

/**
 * A collection: it follows the source {@code sourceId} and keeps one record per primary key, read
 * from each event at {@code primaryKeyPath}. {@code eventTimePath}, when set, is where the event's
 * own time is read (otherwise its receipt time decides which version is newest). {@code
 * recordCount} is counted when the collection is read.
 */
public record Collection(
    String id,
    String name,
    String slug,
    String sourceId,
    String primaryKeyPath,
    String eventTimePath,
    long recordCount,
    Instant createdAt,
    Instant updatedAt) {}
