package io.hookstream.spi.store;

import java.time.Instant;

/**
 * Counts of one collection: records, the bytes of their JSON text, changelog entries, and the time
 * of the newest write (null before the first).
 */
public record CollectionStatsRecord(
    long recordCount, long dataBytes, long changelogEntries, Instant lastSyncAt) {}
