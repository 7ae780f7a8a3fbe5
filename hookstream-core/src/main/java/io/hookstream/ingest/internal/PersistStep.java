package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.routing.internal.EventRouter;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step: routes the event and stores it exactly as received together with its delivery
 * tasks, in one write (bodies over the inline threshold go to the blob store first, referenced from
 * the event). Once the store returns, the event and its pending work are durable. If routing fails
 * unexpectedly the event is stored unrouted and {@code onAccepted} hands it to background routing;
 * if that is lost too (crash, full queue) the recovery sweep routes it, because its {@code
 * routedAt} is still null. Duplicates are stored for visibility, already marked routed, and
 * answered with the original event's id.
 */
public final class PersistStep implements IngestStep {

  /** Plans an accepted event's delivery tasks before it is stored; writes nothing. */
  @FunctionalInterface
  public interface Routing {
    List<DeliveryTask> tasksFor(EventRecord event, byte[] body);
  }

  private static final Logger LOG = LoggerFactory.getLogger(PersistStep.class);

  private final Store store;
  private final BlobStore blobs;
  private final int inlineBodyBytes;
  private final Routing routing;
  private final Consumer<EventRecord> onAccepted;

  /** {@code onAccepted} gets each stored non-duplicate event, routed or (on failure) not. */
  public PersistStep(
      Store store,
      BlobStore blobs,
      int inlineBodyBytes,
      Routing routing,
      Consumer<EventRecord> onAccepted) {
    this.store = store;
    this.blobs = blobs;
    this.inlineBodyBytes = inlineBodyBytes;
    this.routing = routing;
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
    EventRecord event =
        new EventRecord(
            context.eventId(),
            source.orgId(),
            source.envId(),
            source.id(),
            request.method(),
            path(request.url()),
            request.headers(),
            request.query(),
            request.contentType(),
            context.clientIp(),
            body.length,
            blobKey == null ? body : null,
            blobKey,
            context.bodySha256(),
            EventStatus.RECEIVED,
            context.dedupStatus(),
            context.duplicateOf(),
            context.verificationStatus(),
            at,
            duplicate ? at : null,
            at);
    if (duplicate) {
      store.events().insert(event);
      return new IngestResult(context.duplicateOf(), source.id(), true);
    }
    EventRecord stored = insertRouted(event, body);
    onAccepted.accept(stored);
    return new IngestResult(stored.id(), source.id(), false);
  }

  private EventRecord insertRouted(EventRecord event, byte[] body) {
    List<DeliveryTask> tasks;
    try {
      tasks = routing.tasksFor(event, body);
    } catch (RuntimeException e) {
      LOG.warn(
          "routing event {} at ingest failed; it is stored unrouted and routed later",
          event.id(),
          e);
      store.events().insert(event);
      return event;
    }
    EventRecord routed = event.withRouted(EventRouter.statusFor(tasks), event.receivedAt());
    store.events().insertRouted(routed, tasks);
    return routed;
  }

  /**
   * The raw path of an absolute or origin-form URL: a scan rather than {@code URI.create}, which
   * cost 4 % of an ingest. Null without a URL.
   */
  public static String path(String url) {
    if (url == null) {
      return null;
    }
    int start = 0;
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      start = url.indexOf('/', scheme + 3);
      if (start < 0) {
        return "";
      }
    }
    int end = url.length();
    for (int i = start; i < end; i++) {
      char c = url.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
      }
    }
    return url.substring(start, end);
  }
}
