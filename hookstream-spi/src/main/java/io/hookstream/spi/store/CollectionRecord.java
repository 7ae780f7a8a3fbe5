package io.hookstream.spi.store;

import java.time.Instant;

/**
 * A collection as stored: it follows one source and keeps one record per primary key, read from
 * each event at {@code primaryKeyPath}. {@code eventTimePath} (nullable) is the body path of the
 * event's own time; without it the time is the event's {@code receivedAt}. {@code slug} is unique
 * per environment.
 *
 * <p>{@code syncedThrough} is the id of the last event the sync sweep has dealt with (events are
 * visited in id order), and {@code skippedMissingKey} how many events it found without a key. Only
 * {@link CollectionRepository#advanceSync} moves them; {@link CollectionRepository#update} writes
 * the rest and keeps them. {@code version} increases on every update (compare-and-set).
 */
public record CollectionRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String sourceId,
    String primaryKeyPath,
    String eventTimePath,
    String syncedThrough,
    long skippedMissingKey,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** A copy with this sync cursor and skipped count; everything else kept. */
  public CollectionRecord withSyncState(String cursor, long skipped) {
    return new CollectionRecord(
        id,
        orgId,
        envId,
        name,
        slug,
        sourceId,
        primaryKeyPath,
        eventTimePath,
        cursor,
        skipped,
        version,
        createdAt,
        updatedAt);
  }
}
