package io.hookstream.collection;

import java.time.Instant;

/**
 * Counts of a collection: records, the bytes of their JSON, changelog entries, the last write (null
 * before the first), and how many events of the source had no primary key (skipped).
 */
public record CollectionStats(
    long recordCount,
    long dataBytes,
    long changelogEntries,
    Instant lastSyncAt,
    long skippedMissingKey) {}
