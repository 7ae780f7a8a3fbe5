package io.hookstream.spi.store;

import java.time.Instant;

/**
 * One applied change of a record: the event that won, its time and body, and when it was written.
 */
public record CollectionChange(
    String id,
    String collectionId,
    String key,
    String eventId,
    Instant sourceEventAt,
    String data,
    Instant createdAt) {}
