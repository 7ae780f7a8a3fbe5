package io.hookstream.event;

import io.hookstream.event.internal.EventBodies;
import io.hookstream.event.internal.Events;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Optional;

/** Reading received events. Thread-safe. */
public final class EventService {

  private final Store store;
  private final EventBodies bodies;

  public EventService(Store store, BlobStore blobs) {
    this.store = store;
    this.bodies = new EventBodies(blobs);
  }

  /** The event with its full body (loaded from the blob store when it was large). */
  public Optional<Event> get(Scope scope, String id) {
    return store.events().find(scope, id).map(this::withBody);
  }

  public Event require(Scope scope, String id) {
    return get(scope, id).orElseThrow(() -> HookstreamException.notFound("event", id));
  }

  /**
   * Events newest first, filtered by {@code query}. Bodies stored in the blob store are not loaded
   * ({@code body()} is null for them); use {@link #get} for the full event.
   */
  public Page<Event> list(Scope scope, EventQuery query, PageRequest page) {
    return Pages.fromStore(
        store.events().list(scope, query.toStore(), Pages.toStore(page)), Events::toApi);
  }

  /** The event's body bytes, wherever they are kept. */
  public byte[] body(Event event) {
    return bodies.of(event.id(), event.body(), event.bodyBlobKey());
  }

  private Event withBody(EventRecord e) {
    Event event = Events.toApi(e);
    if (e.body() != null || e.bodyBlobKey() == null) {
      return event;
    }
    return event.toBuilder().body(bodies.of(e)).build();
  }
}
