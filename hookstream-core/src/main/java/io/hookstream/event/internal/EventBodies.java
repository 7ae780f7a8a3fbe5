package io.hookstream.event.internal;

import io.hookstream.spi.BlobStore;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.EventRecord;

/** Reads an event's body wherever it is kept: inline, or in the blob store. Thread-safe. */
public final class EventBodies {

  private final BlobStore blobs;

  public EventBodies(BlobStore blobs) {
    this.blobs = blobs;
  }

  public byte[] of(EventRecord e) {
    return of(e.id(), e.body(), e.bodyBlobKey());
  }

  /** {@code inline} if not null, else the blob at {@code blobKey}, else an empty body. */
  public byte[] of(String eventId, byte[] inline, String blobKey) {
    if (inline != null) {
      return inline;
    }
    if (blobKey == null) {
      return new byte[0];
    }
    return blobs
        .get(blobKey)
        .orElseThrow(
            () ->
                new HookstreamException(
                    ErrorCode.INTERNAL,
                    "body of event " + eventId + " is missing from the blob store"));
  }
}
