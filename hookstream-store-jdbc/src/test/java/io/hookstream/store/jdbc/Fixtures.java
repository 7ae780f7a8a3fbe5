package io.hookstream.store.jdbc;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Records for tests, with time-sortable ids like the engine's. */
final class Fixtures {

  static final Scope SCOPE = new Scope("org_test", "env_test");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final AtomicLong SEQ = new AtomicLong();

  private Fixtures() {}

  /** {@code prefix_} + 32 hex, increasing with every call. */
  static String id(String prefix) {
    long n = SEQ.incrementAndGet();
    return prefix
        + "_"
        + HexFormat.of().toHexDigits(System.currentTimeMillis())
        + HexFormat.of().toHexDigits(n);
  }

  static SourceRecord source(String slug) {
    return new SourceRecord(
        id("src"),
        SCOPE.orgId(),
        SCOPE.envId(),
        "Source " + slug,
        slug,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        1,
        T0,
        T0,
        null);
  }

  static EventRecord event(String sourceId, String body, Instant receivedAt) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("content-type", List.of("application/json"));
    headers.put("x-trick", List.of("\"quoted\" \\ back\nslash", "\u00e9\u4e2d\ud83d\ude80"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new EventRecord(
        id("evt"),
        SCOPE.orgId(),
        SCOPE.envId(),
        sourceId,
        "POST",
        "/in/" + sourceId,
        headers,
        Map.of("a", List.of("1")),
        "application/json",
        "127.0.0.1",
        bytes.length,
        bytes,
        null,
        "sha",
        EventStatus.RECEIVED,
        "unique",
        null,
        "verified",
        receivedAt,
        null,
        receivedAt);
  }

  static DeliveryTask task(String eventId, String destinationId, Instant due) {
    return new DeliveryTask(
        id("dt"),
        SCOPE.orgId(),
        SCOPE.envId(),
        eventId,
        "conn_x",
        destinationId,
        TaskStatus.PENDING,
        0,
        due,
        null,
        null,
        null,
        null,
        0,
        0,
        due,
        due);
  }
}
