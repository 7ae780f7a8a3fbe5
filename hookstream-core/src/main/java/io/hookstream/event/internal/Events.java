package io.hookstream.event.internal;

import io.hookstream.event.Event;
import io.hookstream.spi.store.EventRecord;

/** Converts the store's event record into the Java API's {@link Event}. Stateless. */
public final class Events {

  private Events() {}

  public static Event toApi(EventRecord e) {
    return withoutBody(e).body(e.body()).build();
  }

  /** The event without its body, for renderers that never show it (no copy of the bytes). */
  public static Event summary(EventRecord e) {
    return withoutBody(e).build();
  }

  private static Event.Builder withoutBody(EventRecord e) {
    return Event.builder()
        .id(e.id())
        .orgId(e.orgId())
        .envId(e.envId())
        .sourceId(e.sourceId())
        .method(e.method())
        .path(e.path())
        .headers(e.headers())
        .query(e.query())
        .contentType(e.contentType())
        .sourceIp(e.sourceIp())
        .bodySize(e.bodySize())
        .bodyBlobKey(e.bodyBlobKey())
        .bodySha256(e.bodySha256())
        .status(e.status())
        .dedupStatus(e.dedupStatus())
        .duplicateOf(e.duplicateOf())
        .verificationStatus(e.verificationStatus())
        .receivedAt(e.receivedAt())
        .routedAt(e.routedAt())
        .updatedAt(e.updatedAt());
  }
}
