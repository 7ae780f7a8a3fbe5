package io.hookstream.benchmarks.growth;

import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Event number {@code i} and its delivery task, computed from {@code i} alone, so a harness can
 * name any stored event without keeping a list: ids sort like the engine's ({@code evt_} + 12 hex
 * of milliseconds + 20 hex), one event per millisecond from {@link #EPOCH}. Every 100th task is
 * pending and due; the rest were delivered, as in a table that has been running for a while.
 */
final class SyntheticEvents {

  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  static final Scope SCOPE = new Scope("org_bench", "env_bench");
  static final int DESTINATIONS = 4;
  private static final Map<String, List<String>> HEADERS =
      Map.of("content-type", List.of("application/json"), "user-agent", List.of("bench/1.0"));

  private final byte[] body = Payloads.json(1, Payloads.ONE_KB);

  /**
   * Stores the organization and environment of {@link #SCOPE}, so that the engine's jobs see it;
   * with ten years of retention, so that no purge touches the synthetic events.
   */
  static void register(Store store, Instant at) {
    store.organizations().insert(new Organization(SCOPE.orgId(), "bench", at));
    store
        .organizations()
        .insertEnvironment(new Environment(SCOPE.envId(), SCOPE.orgId(), "bench", 3650, at));
  }

  static String eventId(long i) {
    return String.format(Locale.ROOT, "evt_%012x%020x", EPOCH.toEpochMilli() + i, i);
  }

  /** Destinations take turns by hundreds, so that the pending tasks spread over all of them. */
  static String destinationId(long i) {
    return String.format(Locale.ROOT, "dst_%032x", (i / 100) % DESTINATIONS);
  }

  static boolean pending(long i) {
    return i % 100 == 0;
  }

  EventRecord event(long i) {
    Instant at = EPOCH.plusMillis(i);
    boolean pending = pending(i);
    return new EventRecord(
        eventId(i),
        SCOPE.orgId(),
        SCOPE.envId(),
        "src_bench",
        "POST",
        "/ingest/src_bench",
        HEADERS,
        Map.of(),
        "application/json",
        "127.0.0.1",
        body.length,
        body,
        null,
        "0".repeat(64),
        pending ? EventStatus.PROCESSING : EventStatus.DELIVERED,
        null,
        null,
        "unverified",
        at,
        at,
        at);
  }

  DeliveryTask task(long i) {
    Instant at = EPOCH.plusMillis(i);
    boolean pending = pending(i);
    return new DeliveryTask(
        String.format(Locale.ROOT, "dt_%012x%020x", EPOCH.toEpochMilli() + i, i),
        SCOPE.orgId(),
        SCOPE.envId(),
        eventId(i),
        "conn_bench",
        destinationId(i),
        pending ? TaskStatus.PENDING : TaskStatus.SUCCEEDED,
        pending ? 0 : 1,
        at,
        null,
        null,
        null,
        null,
        i,
        0,
        at,
        at);
  }
}
