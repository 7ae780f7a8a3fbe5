package io.hookstream.spi.store;

import java.time.Instant;

/**
 * One record of a collection: the JSON body ({@code data}, as text) of the newest event seen for
 * {@code key}, that event's id and time ({@code sourceEventAt}), and when it was written. The
 * newest is the greatest ({@code sourceEventAt}, {@code eventId}) pair: equal times are decided by
 * the event id, so every node and every order of arrival keeps the same one. {@code id} is given
 * when the key is first stored and kept on later updates.
 */
public record CollectionEntry(
    String id,
    String collectionId,
    String orgId,
    String envId,
    String key,
    String data,
    Instant sourceEventAt,
    String eventId,
    Instant syncedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** Whether this version wins over {@code stored}: a later time, or the same and a later id. */
  public boolean newerThan(CollectionEntry stored) {
    int byTime = sourceEventAt.compareTo(stored.sourceEventAt);
    return byTime > 0 || (byTime == 0 && eventId.compareTo(stored.eventId) > 0);
  }

  /** The same version under the id of the record it replaces. */
  public CollectionEntry withId(String storedId) {
    return new CollectionEntry(
        storedId, collectionId, orgId, envId, key, data, sourceEventAt, eventId, syncedAt);
  }
}
