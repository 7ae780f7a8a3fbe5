package io.hookstream.providers.http;

import io.hookstream.Hookstream;
import io.hookstream.delivery.AttemptQuery;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole engine per test, on the in-memory store and a manual clock, delivering through this
 * module's HTTP provider to loopback receivers. (The testkit's HookstreamExtension cannot be used
 * here: the testkit depends on this module.)
 */
final class LoopbackEngine implements BeforeEachCallback, AfterEachCallback {

  private ManualClock clock;
  private Hookstream engine;
  private Scope scope;

  @Override
  public void beforeEach(ExtensionContext context) {
    clock = new ManualClock();
    engine =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .provider(
                HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build())
            .build()
            .start();
    var org = engine.organizations().create("test");
    scope = engine.organizations().createEnvironment(org.id(), "test").scope();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (engine != null) {
      engine.close();
    }
  }

  Hookstream engine() {
    return engine;
  }

  ManualClock clock() {
    return clock;
  }

  Scope scope() {
    return scope;
  }

  String send(String sourceId, String json) {
    return engine.ingest(sourceId, IngestRequest.json(json)).eventId();
  }

  /** The event's attempts so far, oldest first (one page: these tests make a few). */
  List<DeliveryAttempt> attempts(String eventId) {
    return engine
        .deliveries()
        .attempts(scope, AttemptQuery.builder().eventId(eventId).build(), PageRequest.first(100))
        .items()
        .stream()
        .sorted(Comparator.comparing(DeliveryAttempt::id))
        .toList();
  }

  List<DeliveryAttempt> awaitAttempts(String eventId, int count, Duration timeout) {
    awaitUntil(
        count + " attempt(s) of " + eventId, timeout, () -> attempts(eventId).size() >= count);
    return attempts(eventId);
  }

  /** Moves time forward and delivers, on this thread, everything that became due. */
  void advance(Duration duration) {
    clock.advance(duration);
    engine.runDueDeliveries();
  }

  void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + what + " within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
