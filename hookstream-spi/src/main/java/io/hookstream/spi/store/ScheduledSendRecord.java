package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request the tools API sends once at {@code firesAt}, as stored. It is {@code pending} until a
 * node claims it under a lease ({@code leaseOwner} until {@code leaseExpiresAt}) and records the
 * outcome: {@code completed} (a response arrived: {@code responseStatus}, {@code latencyMs}) or
 * {@code failed} (none did: {@code error}). Not tied to an organization: the tools are public.
 */
public record ScheduledSendRecord(
    String id,
    String url,
    String method,
    Map<String, String> headers,
    String body,
    Instant firesAt,
    String status,
    Integer responseStatus,
    Long latencyMs,
    String error,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant createdAt,
    Instant completedAt) {

  public static final String PENDING = "pending";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  public ScheduledSendRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    Objects.requireNonNull(firesAt, "firesAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new pending send, created at {@code now}. */
  public static ScheduledSendRecord pending(
      String id,
      String url,
      String method,
      Map<String, String> headers,
      String body,
      Instant firesAt,
      Instant now) {
    return new ScheduledSendRecord(
        id, url, method, headers, body, firesAt, PENDING, null, null, null, null, null, now, null);
  }

  /** A copy leased to {@code owner} until {@code until}. */
  public ScheduledSendRecord leased(String owner, Instant until) {
    return new ScheduledSendRecord(
        id,
        url,
        method,
        headers,
        body,
        firesAt,
        status,
        responseStatus,
        latencyMs,
        error,
        owner,
        until,
        createdAt,
        completedAt);
  }

  /** A copy with the outcome, lease released. */
  public ScheduledSendRecord finished(
      String newStatus, Integer newResponseStatus, Long newLatencyMs, String newError, Instant at) {
    return new ScheduledSendRecord(
        id,
        url,
        method,
        headers,
        body,
        firesAt,
        newStatus,
        newResponseStatus,
        newLatencyMs,
        newError,
        null,
        null,
        createdAt,
        at);
  }

  /** Whether it still waits to be sent. */
  public boolean isPending() {
    return PENDING.equals(status);
  }

  /** Whether a node may claim it at {@code now}: pending, due, and no live lease. */
  public boolean claimableAt(Instant now) {
    return isPending()
        && !firesAt.isAfter(now)
        && (leaseOwner == null || leaseExpiresAt == null || !leaseExpiresAt.isAfter(now));
  }
}
