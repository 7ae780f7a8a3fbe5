package io.hookstream.event;

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
  private final BlobStore blobs;

  public EventService(Store store, BlobStore blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  /** The event with its full body (loaded from the blob store when it was large). */
  public Optional<EventRecord> get(Scope scope, String id) {
    return store.events().find(scope, id).map(this::withBody);
  }

  public EventRecord require(Scope scope, String id) {
    return get(scope, id).orElseThrow(() -> HookstreamException.notFound("event", id));
  }

  /**
   * Events newest first, filtered by {@code query}. Bodies stored in the blob store are not
   * loaded ({@code body()} is null for them); use {@link #get} for the full event.
   */
  public Page<EventRecord> list(Scope scope, EventQuery query, PageRequest page) {
    return Pages.fromStore(store.events().list(scope, query.toStore(), Pages.toStore(page)));
  }

  /** The event's body bytes, wherever they are kept. */
  public byte[] body(EventRecord event) {
    if (event.body() != null) {
      return event.body();
    }
    if (event.bodyBlobKey() == null) {
      return new byte[0];
    }
    return blobs.get(event.bodyBlobKey()).orElseThrow(() -> new HookstreamException(
        io.hookstream.spi.ErrorCode.INTERNAL,
        "body of event " + event.id() + " is missing from the blob store"));
  }

  private EventRecord withBody(EventRecord e) {
    if (e.body() != null || e.bodyBlobKey() == null) {
      return e;
    }
    return new EventRecord(e.id(), e.orgId(), e.envId(), e.sourceId(), e.method(), e.path(),
        e.headers(), e.query(), e.contentType(), e.sourceIp(), e.bodySize(), body(e),
        e.bodyBlobKey(), e.bodySha256(), e.status(), e.dedupStatus(), e.duplicateOf(),
        e.verificationStatus(), e.receivedAt(), e.routedAt(), e.updatedAt());
  }
}
