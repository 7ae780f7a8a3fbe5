package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.ConnectionRepository;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Ingest stores an event routed, with its tasks, in one write. An event stored unrouted (routing
 * failed at ingest, or an engine crashed in between) has no tasks and {@code routedAt} null; the
 * recovery sweep of any engine on the store routes it.
 */
class RecoverySweepTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();

  @Test
  void handOffRoutesAtOnceAndTheSweepRoutesWhatACrashLeftBehind() {
    try (Hookstream hs = TestEngine.builder(store, clock).build().start()) {
      Scope scope = TestEngine.newScope(hs);
      String src = wire(hs, scope);
      String routedId = hs.ingest(src, IngestRequest.json("{\"n\":1}")).eventId();
      // Routed when ingest returns: the event and its task were one write.
      assertThat(store.events().find(scope, routedId).orElseThrow().routedAt()).isNotNull();
      assertThat(store.deliveries().tasksForEvent(scope, routedId)).hasSize(1);

      String lostId = storeUnrouted(scope, store.events().find(scope, routedId).orElseThrow());
      assertThat(hs.recoverUnroutedEvents()).as("still within the grace period").isZero();
      clock.advance(Hookstream.Builder.DEFAULT_RECOVERY_GRACE.plusSeconds(1));

      assertThat(hs.recoverUnroutedEvents()).isEqualTo(1);
      EventRecord recovered = store.events().find(scope, lostId).orElseThrow();
      assertThat(recovered.routedAt()).isNotNull();
      assertThat(recovered.status()).isIn(EventStatus.PROCESSING, EventStatus.DELIVERED);
      assertThat(store.deliveries().tasksForEvent(scope, lostId)).hasSize(1);

      assertThat(hs.recoverUnroutedEvents()).as("nothing left").isZero();
      assertThat(store.deliveries().tasksForEvent(scope, lostId)).hasSize(1);
    }
  }

  @Test
  void enginesSweepingAtOnceCreateEachEventsTasksOnce() throws Exception {
    List<Hookstream> engines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      engines.add(TestEngine.builder(store, clock).build().start());
    }
    Scope scope = TestEngine.newScope(engines.get(0));
    String src = wire(engines.get(0), scope);
    List<String> ids = new ArrayList<>();
    EventRecord template =
        store
            .events()
            .find(scope, engines.get(0).ingest(src, IngestRequest.json("{}")).eventId())
            .orElseThrow();
    for (int i = 0; i < 200; i++) {
      ids.add(storeUnrouted(scope, template));
    }
    clock.advance(Duration.ofMinutes(1));

    ExecutorService pool = Executors.newFixedThreadPool(engines.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (Hookstream hs : engines) {
      results.add(
          pool.submit(
              (Callable<Integer>)
                  () -> {
                    go.await();
                    return hs.recoverUnroutedEvents();
                  }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    engines.forEach(Hookstream::close);

    assertThat(total).isEqualTo(ids.size());
    for (String id : ids) {
      assertThat(store.deliveries().tasksForEvent(scope, id)).as(id).hasSize(1);
    }
  }

  @Test
  void anEventThatCouldNotBeRoutedAtIngestIsStoredAndRoutedLater() {
    AtomicBoolean connectionsDown = new AtomicBoolean();
    Store flaky = withConnections(store, connectionsDown);
    try (Hookstream hs = TestEngine.builder(flaky, clock).build().start()) {
      Scope scope = TestEngine.newScope(hs);
      String src = wire(hs, scope);
      connectionsDown.set(true);

      String id = hs.ingest(src, IngestRequest.json("{\"n\":1}")).eventId();
      assertThat(store.events().find(scope, id).orElseThrow().routedAt()).isNull();
      assertThat(store.deliveries().tasksForEvent(scope, id)).isEmpty();

      connectionsDown.set(false);
      clock.advance(Hookstream.Builder.DEFAULT_RECOVERY_GRACE.plusSeconds(1));
      Await.until(
          Duration.ofSeconds(10),
          () ->
              hs.recoverUnroutedEvents() == 0
                  && store.events().find(scope, id).orElseThrow().routedAt() != null);
      assertThat(store.deliveries().tasksForEvent(scope, id)).hasSize(1);
    }
  }

  /** {@code store}, with its connection repository failing while {@code down} is set. */
  private static Store withConnections(Store store, AtomicBoolean down) {
    ConnectionRepository connections =
        (ConnectionRepository)
            Proxy.newProxyInstance(
                ConnectionRepository.class.getClassLoader(),
                new Class<?>[] {ConnectionRepository.class},
                (proxy, method, args) -> {
                  if (down.get()) {
                    throw new HookstreamException(ErrorCode.UNAVAILABLE, "connections unavailable");
                  }
                  return invoke(method, store.connections(), args);
                });
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) ->
                method.getName().equals("connections") ? connections : invoke(method, store, args));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String wire(Hookstream hs, Scope scope) {
    String src = hs.sources().create(scope, SourceSpec.builder().name("s").build()).id();
    String dst =
        hs.destinations()
            .create(
                scope, DestinationSpec.builder().name("d").url("https://example.com/hook").build())
            .id();
    hs.connections()
        .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());
    return src;
  }

  private int counter;

  /** Stores a copy of {@code e} as a crashed engine leaves it: new id, no tasks, not routed. */
  private String storeUnrouted(Scope scope, EventRecord e) {
    String id = String.format("evt_%012x%020d", clock.now().toEpochMilli(), ++counter);
    store
        .events()
        .insert(
            new EventRecord(
                id,
                e.orgId(),
                e.envId(),
                e.sourceId(),
                e.method(),
                e.path(),
                e.headers(),
                e.query(),
                e.contentType(),
                e.sourceIp(),
                e.bodySize(),
                e.body(),
                e.bodyBlobKey(),
                e.bodySha256(),
                EventStatus.RECEIVED,
                e.dedupStatus(),
                e.duplicateOf(),
                e.verificationStatus(),
                clock.now(),
                null,
                clock.now()));
    return id;
  }
}
