package io.hookstream.collection;

import java.time.Instant;

/**
 * One record of a collection: the body of the newest event seen for {@code key} ({@code dataJson},
 * JSON text), that event's id and time, and when the record was last written.
 */
public record DataRecord(
    String id,
    String collectionId,
    String key,
    String dataJson,
    String eventId,
    Instant sourceEventAt,
    Instant syncedAt) {}
