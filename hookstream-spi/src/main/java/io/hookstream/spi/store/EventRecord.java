package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One received webhook, exactly as it arrived: method, headers (names lower case, order kept),
 * query parameters, content type, client IP and body. A body up to the inline threshold is in
 * {@code body}; a larger one is in the blob store under {@code bodyBlobKey} and {@code body} is
 * null. {@code routedAt} is null until routing has created the event's delivery tasks; the recovery
 * sweep looks for old events where it is still null.
 *
 * <p>{@code dedupStatus} is {@code unique}, {@code duplicate} or null (dedup off); {@code
 * duplicateOf} names the original. {@code verificationStatus} is {@code verified}, {@code
 * unverified} (no verification configured) or {@code schema_invalid}.
 */
public record EventRecord(
    String id,
    String orgId,
    String envId,
    String sourceId,
    String method,
    String path,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    String contentType,
    String sourceIp,
    long bodySize,
    byte[] body,
    String bodyBlobKey,
    String bodySha256,
    EventStatus status,
    String dedupStatus,
    String duplicateOf,
    String verificationStatus,
    Instant receivedAt,
    Instant routedAt,
    Instant updatedAt) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean duplicate() {
    return "duplicate".equals(dedupStatus);
  }

  /** A copy with a new status and update time. */
  public EventRecord withStatus(EventStatus newStatus, Instant at) {
    return new EventRecord(
        id,
        orgId,
        envId,
        sourceId,
        method,
        path,
        headers,
        query,
        contentType,
        sourceIp,
        bodySize,
        body,
        bodyBlobKey,
        bodySha256,
        newStatus,
        dedupStatus,
        duplicateOf,
        verificationStatus,
        receivedAt,
        routedAt,
        at);
  }

  /** A copy marked routed at {@code at} with {@code newStatus}. */
  public EventRecord withRouted(EventStatus newStatus, Instant at) {
    return new EventRecord(
        id,
        orgId,
        envId,
        sourceId,
        method,
        path,
        headers,
        query,
        contentType,
        sourceIp,
        bodySize,
        body,
        bodyBlobKey,
        bodySha256,
        newStatus,
        dedupStatus,
        duplicateOf,
        verificationStatus,
        receivedAt,
        at,
        at);
  }
}
