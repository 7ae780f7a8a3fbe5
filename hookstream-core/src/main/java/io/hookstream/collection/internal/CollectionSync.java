package io.hookstream.collection.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Json;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Upserts one event into collections: reads the key and time, and hands the store the candidate
 * record, which keeps it only if it is newer (see {@code CollectionRepository.upsert}). Applying an
 * event again changes nothing, so the hand-off, the sync sweep and a backfill may all apply the
 * same event. {@code onApplied} hears each record that changed. Thread-safe.
 */
public final class CollectionSync {

  /** What applying an event to one collection did. */
  public enum Outcome {
    APPLIED,
    STALE,
    NO_KEY
  }

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final Function<EventRecord, byte[]> bodies;
  private final Consumer<CollectionEntry> onApplied;

  public CollectionSync(
      Store store,
      Clock clock,
      Function<EventRecord, byte[]> bodies,
      Consumer<CollectionEntry> onApplied) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.bodies = bodies;
    this.onApplied = onApplied;
  }

  /** The event's body, read and parsed once for every collection it goes to. */
  public record Body(JsonNode json, String text) {}

  public Body bodyOf(EventRecord event) {
    byte[] raw = bodies.apply(event);
    JsonNode json = Json.parseOrNull(raw);
    return new Body(json, json == null ? null : new String(raw, StandardCharsets.UTF_8));
  }

  /** Applies {@code event} to each of {@code collections}. */
  public void apply(List<CollectionRecord> collections, EventRecord event) {
    if (collections.isEmpty() || event.duplicate()) {
      return;
    }
    Body body = bodyOf(event);
    for (CollectionRecord c : collections) {
      apply(c, event, body);
    }
  }

  /** Applies {@code event}, whose body is {@code body}, to {@code c}. */
  public Outcome apply(CollectionRecord c, EventRecord event, Body body) {
    if (body.json() == null) {
      return Outcome.NO_KEY; // not JSON: no key to read, and nothing to store as a record
    }
    RecordReader reader = RecordReader.of(c);
    Optional<String> key = reader.key(event, body.json());
    if (key.isEmpty()) {
      return Outcome.NO_KEY;
    }
    CollectionEntry candidate =
        new CollectionEntry(
            ids.next("rec"),
            c.id(),
            c.orgId(),
            c.envId(),
            key.get(),
            body.text(),
            reader.time(event, body.json()),
            event.id(),
            clock.now());
    Optional<CollectionEntry> written = store.collections().upsert(candidate, ids.next("cl"));
    written.ifPresent(onApplied);
    return written.isPresent() ? Outcome.APPLIED : Outcome.STALE;
  }
}
