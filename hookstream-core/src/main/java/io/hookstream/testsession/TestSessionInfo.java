package io.hookstream.testsession;

import java.time.Instant;

/**
 * A test session as the API shows it. {@code url} is its ingest URL; it records requests until
 * {@code expiresAt} or until {@code requestCount} reaches {@code requestLimit}. {@code forwardUrl}
 * (null: none) gets a copy of each request while {@code forwardEnabled}. Once claimed, {@code
 * orgId}, {@code envId} and {@code sourceId} name where its requests also go, and the limits no
 * longer apply. Immutable.
 */
public record TestSessionInfo(
    String id,
    String url,
    int requestLimit,
    int requestCount,
    Instant createdAt,
    Instant expiresAt,
    TestResponse response,
    String forwardUrl,
    boolean forwardEnabled,
    String orgId,
    String envId,
    String sourceId,
    Instant claimedAt) {

  public boolean claimed() {
    return orgId != null;
  }
}
