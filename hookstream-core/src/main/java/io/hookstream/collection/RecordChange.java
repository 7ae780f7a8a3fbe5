package io.hookstream.collection;

import java.time.Instant;

/**
 * One applied change of a record: the event that won, its time and body, and when it was written.
 */
public record RecordChange(
    String id,
    String collectionId,
    String key,
    String eventId,
    Instant sourceEventAt,
    String dataJson,
    Instant createdAt) {}
