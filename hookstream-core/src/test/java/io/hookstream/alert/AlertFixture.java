package io.hookstream.alert;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One engine on the in-memory store and a manual clock, with a source routed to one destination
 * whose answers the test sets (an "http" provider that answers as told, with a given latency), and
 * helpers to send events and move time.
 */
final class AlertFixture implements AutoCloseable {

  /** The "http" type: answers every delivery with what {@link #answer} was given last. */
  static final class AnsweringProvider implements DestinationProvider {
    private volatile int status = 200;
    private volatile long latencyMillis = 5;

    void answer(int status, long latencyMillis) {
      this.status = status;
      this.latencyMillis = latencyMillis;
    }

    @Override
    public String type() {
      return "http";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> config) {
      return List.of();
    }

    @Override
    public Map<String, Object> mask(Map<String, Object> config) {
      return config;
    }

    @Override
    public DeliveryResult deliver(DeliveryRequest request) {
      int s = status;
      if (s < 300) {
        return new DeliveryResult.Delivered(s, latencyMillis, null, null, "ok");
      }
      FailureKind kind = s >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_4XX;
      return new DeliveryResult.Failed(
          kind, "answered " + s, s >= 500, null, s, latencyMillis, null, null, null);
    }
  }

  final ManualClock clock;
  final Store store;
  final AnsweringProvider provider = new AnsweringProvider();
  final Hookstream hs;
  final Scope scope;
  final String source;
  final String destination;

  AlertFixture(Instant start) {
    this(start, new InMemoryStore());
  }

  AlertFixture(Instant start, Store store) {
    this(start, store, new io.hookstream.observe.EngineObserver() {});
  }

  AlertFixture(Instant start, Store store, io.hookstream.observe.EngineObserver observer) {
    this.clock = new ManualClock(start);
    this.store = store;
    this.hs =
        Hookstream.builder()
            .store(store)
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .provider(provider)
            .allowPrivateNotificationTargets(true)
            .observer(observer)
            // Keeps failing deliveries going every window: an open circuit would stop them.
            .circuitSettings(new io.hookstream.delivery.CircuitSettings(1_000_000, Duration.ZERO))
            .build()
            .start();
    var org = hs.organizations().create("Acme");
    this.scope = hs.organizations().createEnvironment(org.id(), "production").scope();
    this.source = hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
    this.destination =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder().name("backend").url("https://example.com/hook").build())
            .id();
    hs.connections()
        .create(
            scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
  }

  /** Sends {@code n} events and waits until each has had its first attempt. */
  void send(int n) {
    long before = attempts();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(hs.ingest(source, IngestRequest.json("{\"n\":" + i + "}")).eventId());
    }
    await(
        () -> ids.stream().allMatch(id -> store.events().find(scope, id).get().routedAt() != null));
    await(
        () -> {
          hs.runDueDeliveries();
          return attempts() >= before + n;
        });
  }

  /**
   * Sets the clock to {@code at} (a time of the start's day, "10:05"), runs due jobs, deliveries.
   */
  void at(String hhmm) {
    clock.set(Instant.parse(clock.now().toString().substring(0, 11) + hhmm + ":00Z"));
    hs.runDueJobs();
    hs.runDueDeliveries();
  }

  /** Attempts at the destination so far. */
  long attempts() {
    return attempts(destination).size();
  }

  /** Every attempt at {@code destinationId} (a destination or a channel), newest first. */
  List<io.hookstream.delivery.DeliveryAttempt> attempts(String destinationId) {
    List<io.hookstream.delivery.DeliveryAttempt> all = new ArrayList<>();
    String after = null;
    do {
      var page =
          hs.deliveries()
              .attempts(
                  scope,
                  io.hookstream.delivery.AttemptQuery.builder()
                      .destinationId(destinationId)
                      .build(),
                  new io.hookstream.page.PageRequest(after, 100));
      all.addAll(page.items());
      after = page.hasMore() ? page.nextAfter() : null;
    } while (after != null);
    return all;
  }

  NotificationChannel webhook(String url, String secret) {
    Map<String, Object> config =
        secret == null ? Map.of("url", url) : Map.of("url", url, "secret", secret);
    return hs.notificationChannels()
        .create(
            scope,
            NotificationChannelSpec.builder().name("ops").type("webhook").config(config).build());
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  @Override
  public void close() {
    hs.close();
  }
}
