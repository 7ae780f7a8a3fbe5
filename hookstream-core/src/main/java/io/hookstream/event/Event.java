package io.hookstream.event;

import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook request as the engine received and stored it, as the Java API returns it. Immutable;
 * the body is copied in and out. Build one with {@link #builder()}; the store's record stays behind
 * the service.
 *
 * @param method The request method, upper case.
 * @param path The request path, as received.
 * @param headers Request headers, names lower-case, in arrival order.
 * @param query Query parameters, in arrival order.
 * @param sourceIp The resolved client IP.
 * @param bodySize Body length in bytes.
 * @param body The body; null in lists when it is kept in the blob store (see {@link
 *     EventService#body}).
 * @param bodyBlobKey The blob store key of a large body, or null when the body is inline.
 * @param bodySha256 Hex SHA-256 of the body.
 * @param dedupStatus {@code unique} or {@code duplicate}.
 * @param duplicateOf The original event's id, for a duplicate.
 * @param routedAt When routing created the event's deliveries; null until routed.
 * @param sourceId The source that received the webhook, or, for an event an application published
 *     to a topic, the topic's id (see {@link #topicId()}).
 */
public record Event(
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

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    headers = copy(headers);
    query = copy(query);
    body = body == null ? null : body.clone();
  }

  /** The topic's id if the event was published to a topic, else null. */
  public String topicId() {
    return sourceId != null && sourceId.startsWith("top_") ? sourceId : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .orgId(orgId)
        .envId(envId)
        .sourceId(sourceId)
        .method(method)
        .path(path)
        .headers(headers)
        .query(query)
        .contentType(contentType)
        .sourceIp(sourceIp)
        .bodySize(bodySize)
        .body(body)
        .bodyBlobKey(bodyBlobKey)
        .bodySha256(bodySha256)
        .status(status)
        .dedupStatus(dedupStatus)
        .duplicateOf(duplicateOf)
        .verificationStatus(verificationStatus)
        .receivedAt(receivedAt)
        .routedAt(routedAt)
        .updatedAt(updatedAt);
  }

  /** A copy: changing it changes nothing here. */
  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** The organization and environment the event belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /** True for an event the dedup step recognized as a repeat of {@link #duplicateOf()}. */
  public boolean duplicate() {
    return "duplicate".equals(dedupStatus);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Event other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(sourceId, other.sourceId)
        && Objects.equals(method, other.method)
        && Objects.equals(path, other.path)
        && Objects.equals(headers, other.headers)
        && Objects.equals(query, other.query)
        && Objects.equals(contentType, other.contentType)
        && Objects.equals(sourceIp, other.sourceIp)
        && bodySize == other.bodySize
        && Arrays.equals(body, other.body)
        && Objects.equals(bodyBlobKey, other.bodyBlobKey)
        && Objects.equals(bodySha256, other.bodySha256)
        && Objects.equals(status, other.status)
        && Objects.equals(dedupStatus, other.dedupStatus)
        && Objects.equals(duplicateOf, other.duplicateOf)
        && Objects.equals(verificationStatus, other.verificationStatus)
        && Objects.equals(receivedAt, other.receivedAt)
        && Objects.equals(routedAt, other.routedAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
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
        bodyBlobKey,
        bodySha256,
        status,
        dedupStatus,
        duplicateOf,
        verificationStatus,
        receivedAt,
        routedAt,
        updatedAt);
  }

  @Override
  public String toString() {
    return "Event[id=" + id + ", status=" + status + "]";
  }

  private static <V> Map<String, V> copy(Map<String, V> values) {
    return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String sourceId;
    private String method;
    private String path;
    private Map<String, List<String>> headers;
    private Map<String, List<String>> query;
    private String contentType;
    private String sourceIp;
    private long bodySize;
    private byte[] body;
    private String bodyBlobKey;
    private String bodySha256;
    private EventStatus status;
    private String dedupStatus;
    private String duplicateOf;
    private String verificationStatus;
    private Instant receivedAt;
    private Instant routedAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder envId(String envId) {
      this.envId = envId;
      return this;
    }

    public Builder sourceId(String sourceId) {
      this.sourceId = sourceId;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder headers(Map<String, List<String>> headers) {
      this.headers = headers;
      return this;
    }

    public Builder query(Map<String, List<String>> query) {
      this.query = query;
      return this;
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder sourceIp(String sourceIp) {
      this.sourceIp = sourceIp;
      return this;
    }

    public Builder bodySize(long bodySize) {
      this.bodySize = bodySize;
      return this;
    }

    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    public Builder bodyBlobKey(String bodyBlobKey) {
      this.bodyBlobKey = bodyBlobKey;
      return this;
    }

    public Builder bodySha256(String bodySha256) {
      this.bodySha256 = bodySha256;
      return this;
    }

    public Builder status(EventStatus status) {
      this.status = status;
      return this;
    }

    public Builder dedupStatus(String dedupStatus) {
      this.dedupStatus = dedupStatus;
      return this;
    }

    public Builder duplicateOf(String duplicateOf) {
      this.duplicateOf = duplicateOf;
      return this;
    }

    public Builder verificationStatus(String verificationStatus) {
      this.verificationStatus = verificationStatus;
      return this;
    }

    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    public Builder routedAt(Instant routedAt) {
      this.routedAt = routedAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * @throws NullPointerException naming the missing required value
     */
    public Event build() {
      return new Event(
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
          status,
          dedupStatus,
          duplicateOf,
          verificationStatus,
          receivedAt,
          routedAt,
          updatedAt);
    }
  }
}
