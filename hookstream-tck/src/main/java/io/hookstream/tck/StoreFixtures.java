package io.hookstream.tck;

import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Valid records with plain defaults, for the store contract. */
final class StoreFixtures {

  private final ContractIds ids;

  StoreFixtures(ContractIds ids) {
    this.ids = ids;
  }

  String id(String prefix) {
    return ids.next(prefix);
  }

  SourceRecord source(Scope s, String slug, Instant at) {
    return source(s, id("src"), slug, "source " + slug, 1, at);
  }

  SourceRecord source(Scope s, String id, String slug, String name, long version, Instant at) {
    return new SourceRecord(
        id,
        s.orgId(),
        s.envId(),
        name,
        slug,
        "a test source",
        null,
        null,
        List.of("10.0.0.0/8"),
        null,
        null,
        null,
        version,
        at,
        at,
        null);
  }

  DestinationRecord destination(Scope s, String slug, Instant at) {
    return destination(s, id("dst"), slug, "destination " + slug, 1, at);
  }

  DestinationRecord destination(
      Scope s, String id, String slug, String name, long version, Instant at) {
    return new DestinationRecord(
        id,
        s.orgId(),
        s.envId(),
        name,
        slug,
        null,
        "http",
        "{\"url\":\"http://127.0.0.1:9/hook\"}",
        null,
        DestinationRecord.RetryPolicy.DEFAULT,
        DestinationRecord.Delivery.DEFAULT,
        null,
        version,
        at,
        at,
        null);
  }

  ConnectionRecord connection(
      Scope s,
      String id,
      String name,
      String sourceId,
      String destinationId,
      long version,
      Instant at) {
    return connection(s, id, name, sourceId, destinationId, null, version, at);
  }

  ConnectionRecord connection(
      Scope s,
      String id,
      String name,
      String sourceId,
      String destinationId,
      String orderingKey,
      long version,
      Instant at) {
    return new ConnectionRecord(
        id,
        s.orgId(),
        s.envId(),
        name,
        sourceId,
        destinationId,
        "[]",
        null,
        false,
        true,
        orderingKey,
        version,
        at,
        at,
        null);
  }

  EventRecord event(Scope s, String id, String sourceId, String body, Instant receivedAt) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new EventRecord(
        id,
        s.orgId(),
        s.envId(),
        sourceId,
        "POST",
        "/ingest/" + sourceId,
        Map.of("content-type", List.of("application/json")),
        Map.of(),
        "application/json",
        "127.0.0.1",
        bytes.length,
        bytes,
        null,
        null,
        EventStatus.RECEIVED,
        "unique",
        null,
        "unverified",
        receivedAt,
        null,
        receivedAt);
  }

  EventRecord duplicateOf(EventRecord original, String id) {
    return new EventRecord(
        id,
        original.orgId(),
        original.envId(),
        original.sourceId(),
        "POST",
        original.path(),
        original.headers(),
        original.query(),
        original.contentType(),
        original.sourceIp(),
        original.bodySize(),
        original.body(),
        null,
        null,
        EventStatus.RECEIVED,
        "duplicate",
        original.id(),
        "unverified",
        original.receivedAt(),
        null,
        original.receivedAt());
  }

  DeliveryTask task(Route r, String eventId, Instant nextAttemptAt, Instant at) {
    return task(
        r.scope(), id("dlv"), eventId, r.connectionId(), r.destinationId(), nextAttemptAt, at);
  }

  DeliveryTask task(
      Scope s,
      String id,
      String eventId,
      String connectionId,
      String destinationId,
      Instant nextAttemptAt,
      Instant at) {
    return new DeliveryTask(
        id,
        s.orgId(),
        s.envId(),
        eventId,
        connectionId,
        destinationId,
        TaskStatus.PENDING,
        0,
        nextAttemptAt,
        null,
        null,
        null,
        null,
        0,
        1,
        at,
        at);
  }

  AttemptRecord attempt(DeliveryTask t, int number, String status, boolean dlq, Instant at) {
    return attempt(t, number, status, dlq, at, 12L);
  }

  AttemptRecord attempt(
      DeliveryTask t, int number, String status, boolean dlq, Instant at, Long latencyMs) {
    boolean ok = "success".equals(status);
    return new AttemptRecord(
        id("da"),
        t.orgId(),
        t.envId(),
        t.eventId(),
        t.connectionId(),
        t.destinationId(),
        t.id(),
        number,
        status,
        ok ? 200 : 503,
        latencyMs,
        Map.of("content-type", List.of("application/json")),
        Map.of(),
        ok ? "ok" : "busy",
        ok ? null : "HTTP 503",
        ok ? null : "http_5xx",
        dlq,
        dlq ? at : null,
        null,
        at);
  }

  IssueRecord issue(
      Scope s, String destinationId, String errorType, String status, Instant lastSeen) {
    return issue(s, id("iss"), destinationId, errorType, status, 1, lastSeen);
  }

  IssueRecord issue(
      Scope s,
      String id,
      String destinationId,
      String errorType,
      String status,
      long count,
      Instant lastSeen) {
    return new IssueRecord(
        id,
        s.orgId(),
        s.envId(),
        destinationId,
        errorType,
        errorType + " failures",
        status,
        count,
        lastSeen,
        lastSeen,
        List.of(),
        null,
        "resolved".equals(status) ? lastSeen : null,
        lastSeen);
  }

  ApiKeyRecord apiKey(Scope s, String hash, Instant at) {
    return new ApiKeyRecord(
        id("ak"), s.orgId(), s.envId(), "ci key", hash, "hs_test_ab12", null, at, null, 0, null);
  }

  /** A random 64-hex-digit value shaped like a SHA-256 hash. */
  String hash() {
    return (id("h") + id("h")).replace("h_", "").substring(0, 64);
  }

  /** A source, destination and connection inserted together, for events and tasks. */
  record Route(Scope scope, String sourceId, String destinationId, String connectionId) {}
}
