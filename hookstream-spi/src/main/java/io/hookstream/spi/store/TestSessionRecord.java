package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Map;

/**
 * An ephemeral test session as stored: an unauthenticated inspector URL that records what hits it.
 * It takes requests until {@code expiresAt} or until {@code requestCount} reaches {@code
 * requestLimit}, whichever comes first; a claimed session ({@code orgId} set) has neither limit and
 * also feeds the source {@code sourceId} of that organization and environment.
 *
 * <p>{@code response*} is what the ingest URL answers; {@code forwardUrl} receives a copy of every
 * request while {@code forwardEnabled}. {@code creatorIp} is the client that created it.
 */
public record TestSessionRecord(
    String id,
    String creatorIp,
    int requestLimit,
    int requestCount,
    Instant createdAt,
    Instant expiresAt,
    int responseStatus,
    String responseContentType,
    String responseBody,
    Map<String, String> responseHeaders,
    String forwardUrl,
    boolean forwardEnabled,
    String orgId,
    String envId,
    String sourceId,
    Instant claimedAt) {

  public TestSessionRecord {
    responseHeaders = Map.copyOf(responseHeaders);
  }

  /**
   * A new unclaimed session created at {@code now}, with no requests yet and no forwarding, that
   * answers with {@code status}, {@code contentType} and {@code body}.
   */
  public static TestSessionRecord created(
      String id,
      String creatorIp,
      int requestLimit,
      Instant now,
      Instant expiresAt,
      int status,
      String contentType,
      String body) {
    return new TestSessionRecord(
        id,
        creatorIp,
        requestLimit,
        0,
        now,
        expiresAt,
        status,
        contentType,
        body,
        Map.of(),
        null,
        false,
        null,
        null,
        null,
        null);
  }

  /** Whether an organization claimed it: no expiry, no request limit, events feed its source. */
  public boolean claimed() {
    return orgId != null;
  }

  /** The claiming organization's scope, or null while unclaimed. */
  public Scope scope() {
    return orgId == null ? null : new Scope(orgId, envId);
  }

  /** A copy answering with a new response. */
  public TestSessionRecord withResponse(
      int status, String contentType, String body, Map<String, String> headers) {
    return new TestSessionRecord(
        id,
        creatorIp,
        requestLimit,
        requestCount,
        createdAt,
        expiresAt,
        status,
        contentType,
        body,
        headers,
        forwardUrl,
        forwardEnabled,
        orgId,
        envId,
        sourceId,
        claimedAt);
  }

  /** A copy forwarding to {@code url} (null: nowhere) when {@code enabled}. */
  public TestSessionRecord withForwarding(String url, boolean enabled) {
    return new TestSessionRecord(
        id,
        creatorIp,
        requestLimit,
        requestCount,
        createdAt,
        expiresAt,
        responseStatus,
        responseContentType,
        responseBody,
        responseHeaders,
        url,
        enabled,
        orgId,
        envId,
        sourceId,
        claimedAt);
  }

  /** A copy counting {@code count} requests. */
  public TestSessionRecord withRequestCount(int count) {
    return new TestSessionRecord(
        id,
        creatorIp,
        requestLimit,
        count,
        createdAt,
        expiresAt,
        responseStatus,
        responseContentType,
        responseBody,
        responseHeaders,
        forwardUrl,
        forwardEnabled,
        orgId,
        envId,
        sourceId,
        claimedAt);
  }

  /** A copy claimed by {@code scope} at {@code at}, feeding {@code newSourceId}. */
  public TestSessionRecord withClaim(Scope scope, String newSourceId, Instant at) {
    return new TestSessionRecord(
        id,
        creatorIp,
        requestLimit,
        requestCount,
        createdAt,
        expiresAt,
        responseStatus,
        responseContentType,
        responseBody,
        responseHeaders,
        forwardUrl,
        forwardEnabled,
        scope.orgId(),
        scope.envId(),
        newSourceId,
        at);
  }
}
