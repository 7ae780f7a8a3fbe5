package io.hookstream.testsession.internal;

import io.hookstream.ingest.internal.PersistStep;
import io.hookstream.internal.Hashing;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TestRequestRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a claimed session's recorded requests into its new source as events, under their own ids,
 * in batches. They are stored as received and already routed (the new source has no connections
 * yet): claiming shows the history, it does not deliver it. Bodies over the inline threshold go to
 * the blob store as ingest puts them. Stateless apart from its collaborators; thread-safe.
 */
public final class SessionClaim {

  private static final int BATCH = 100;

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;
  private final int inlineBodyBytes;

  public SessionClaim(Store store, BlobStore blobs, Clock clock, int inlineBodyBytes) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
    this.inlineBodyBytes = inlineBodyBytes;
  }

  /** Copies every request of {@code sessionId} into {@code sourceId}; returns how many. */
  public int copy(String sessionId, Scope scope, String sourceId) {
    int copied = 0;
    String after = null;
    while (true) {
      List<TestRequestRecord> batch = store.testSessions().oldestFirst(sessionId, after, BATCH);
      if (batch.isEmpty()) {
        return copied;
      }
      List<EventRecord> events = new ArrayList<>(batch.size());
      batch.forEach(r -> events.add(event(r, scope, sourceId)));
      store.events().insertAll(events);
      copied += batch.size();
      after = batch.get(batch.size() - 1).id();
    }
  }

  private EventRecord event(TestRequestRecord r, Scope scope, String sourceId) {
    byte[] body = r.body() == null ? new byte[0] : r.body();
    String blobKey = null;
    if (body.length > inlineBodyBytes) {
      blobKey = PersistStep.blobKey(scope.orgId(), scope.envId(), r.id());
      blobs.put(blobKey, body);
    }
    return new EventRecord(
        r.id(),
        scope.orgId(),
        scope.envId(),
        sourceId,
        r.method(),
        r.path(),
        r.headers(),
        r.query(),
        r.contentType(),
        r.clientIp(),
        body.length,
        blobKey == null ? body : null,
        blobKey,
        Hashing.sha256Hex(body),
        EventStatus.RECEIVED,
        null,
        null,
        "unverified",
        r.receivedAt(),
        clock.now(),
        clock.now());
  }
}
