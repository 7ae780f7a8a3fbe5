package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.util.function.Consumer;

/**
 * The last step: stores the event exactly as received (bodies over the inline threshold go to
 * the blob store first, referenced from the event), then hands it to routing. Once the
 * store's insert returns the event is durable; if the hand-off is lost (crash, full
 * queue) the recovery sweep routes it later, because its {@code routedAt} is still null.
 * Duplicates are stored for visibility, already marked routed, and answered with the original
 * event's id.
 */
public final class PersistStep implements IngestStep {

  private final Store store;
  private final BlobStore blobs;
  private final int inlineBodyBytes;
  private final Consumer<EventRecord> onAccepted;

  public PersistStep(Store store, BlobStore blobs, int inlineBodyBytes,
      Consumer<EventRecord> onAccepted) {
    this.store = store;
    this.blobs = blobs;
    this.inlineBodyBytes = inlineBodyBytes;
    this.onAccepted = onAccepted;
  }

  /** Where a large body is kept. */
  public static String blobKey(String orgId, String envId, String eventId) {
    return "events/" + orgId + "/" + envId + "/" + eventId;
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord source = context.source();
    IngestRequest request = context.request();
    byte[] body = request.body();
    String blobKey = null;
    if (body.length > inlineBodyBytes) {
      blobKey = blobKey(source.orgId(), source.envId(), context.eventId());
      blobs.put(blobKey, body);
    }
    boolean duplicate = context.duplicate();
    var at = context.receivedAt();
    EventRecord event = new EventRecord(context.eventId(), source.orgId(), source.envId(),
        source.id(), request.method(), path(request.url()), request.headers(), request.query(),
        request.contentType(), context.clientIp(), body.length, blobKey == null ? body : null,
        blobKey, context.bodySha256(), EventStatus.RECEIVED, context.dedupStatus(),
        context.duplicateOf(), context.verificationStatus(), at, duplicate ? at : null, at);
    store.events().insert(event);
    if (duplicate) {
      return new IngestResult(context.duplicateOf(), source.id(), true);
    }
    onAccepted.accept(event);
    return new IngestResult(event.id(), source.id(), false);
  }

  private static String path(String url) {
    if (url == null) {
      return null;
    }
    try {
      return java.net.URI.create(url).getRawPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
