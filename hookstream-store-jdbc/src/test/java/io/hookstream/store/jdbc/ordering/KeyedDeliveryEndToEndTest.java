package io.hookstream.store.jdbc.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.CircuitSettings;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Per-key ordering end to end, as a user runs it: 100 customers x 50 events ingested interleaved
 * through an engine whose connection has {@code ordering_key: payload.customer_id}, delivered over
 * real HTTP to a receiver that answers 500 to a seeded 20% of requests, with 1 s retries on the
 * real clock. Every customer's accepted deliveries arrive in ingest order and every event arrives;
 * the same run without the key (which does reorder) gives the throughput to compare with. On the
 * memory store and on PostgreSQL.
 */
class KeyedDeliveryEndToEndTest {

  private static final int KEYS = 100;
  private static final int EVENTS_PER_KEY = 50;
  private static final int WARM_UP_EVENTS_PER_KEY = 10;
  private static final int INGEST_THREADS = 4;
  private static final Duration BOUND = Duration.ofMinutes(3);

  /** A store under test with its KV and blob stores. */
  private record Stores(Store store, KeyValueStore kv, BlobStore blobs) {}

  /** What one run saw: accepted sequence numbers per customer, the 500s, and the wall time. */
  private record Run(Map<String, List<Integer>> accepted, int failures, Duration elapsed) {
    double perSecond() {
      return accepted.values().stream().mapToInt(List::size).sum() / (elapsed.toNanos() / 1e9);
    }
  }

  @Test
  void memoryStoreDeliversEachKeyInIngestOrderDespiteRandomFailures() throws Exception {
    compareKeyedWithUnordered("memory", KeyedDeliveryEndToEndTest::memory);
  }

  @Test
  void postgresDeliversEachKeyInIngestOrderDespiteRandomFailures() throws Exception {
    compareKeyedWithUnordered("postgresql", KeyedDeliveryEndToEndTest::postgres);
  }

  private void compareKeyedWithUnordered(String name, Supplier<Stores> stores) throws Exception {
    run(stores.get(), null, WARM_UP_EVENTS_PER_KEY); // JIT and connections: not part of either
    Run keyed = run(stores.get(), "payload.customer_id", EVENTS_PER_KEY);
    List<Integer> ingestOrder = IntStream.range(0, EVENTS_PER_KEY).boxed().toList();
    assertThat(keyed.accepted()).hasSize(KEYS);
    keyed
        .accepted()
        .forEach(
            (customer, seqs) ->
                assertThat(seqs).as("accepted for " + customer).isEqualTo(ingestOrder));
    assertThat(keyed.failures()).as("the receiver did fail").isGreaterThan(KEYS);

    Run unordered = run(stores.get(), null, EVENTS_PER_KEY);
    assertThat(unordered.accepted().values().stream().mapToInt(List::size).sum())
        .isEqualTo(KEYS * EVENTS_PER_KEY);
    assertThat(unordered.accepted().values())
        .as("without the key, retries reorder some customer's events")
        .anyMatch(seqs -> !seqs.equals(ingestOrder));

    System.out.printf(
        Locale.ROOT,
        "per-key ordering on %s, %d keys x %d events, 20%% 500s, 1 s retries:"
            + " keyed %.0f events/s (%d ms, %d failures), unordered %.0f events/s"
            + " (%d ms, %d failures), keyed/unordered %.2f%n",
        name,
        KEYS,
        EVENTS_PER_KEY,
        keyed.perSecond(),
        keyed.elapsed().toMillis(),
        keyed.failures(),
        unordered.perSecond(),
        unordered.elapsed().toMillis(),
        unordered.failures(),
        keyed.perSecond() / unordered.perSecond());
  }

  /** Ingests every event, interleaved by customer, and waits until all were accepted. */
  private Run run(Stores stores, String orderingKey, int eventsPerKey) throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(14, 0.2);
        Hookstream hs = engine(stores)) {
      Scope scope =
          hs.organizations()
              .createEnvironment(hs.organizations().create("ordering").id(), "test")
              .scope();
      String source = hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
      String destination =
          hs.destinations()
              .create(
                  scope,
                  DestinationSpec.builder()
                      .name("receiver")
                      .url(receiver.url())
                      .retryBackoffType("fixed")
                      .retryIntervals(List.of(1))
                      .retryMaxAttempts(10)
                      .build())
              .id();
      hs.connections()
          .create(
              scope,
              ConnectionSpec.builder()
                  .sourceId(source)
                  .destinationId(destination)
                  .orderingKey(orderingKey)
                  .build());

      long start = System.nanoTime();
      ingestInterleaved(hs, source, eventsPerKey);
      assertThat(receiver.awaitAccepted(KEYS * eventsPerKey, BOUND))
          .as("every event accepted within " + BOUND)
          .isTrue();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Run(receiver.accepted(), receiver.failed(), elapsed);
    }
  }

  /**
   * Event {@code seq} of every customer before event {@code seq + 1} of any; each ingest thread
   * owns a share of the customers, so each customer's events are ingested in order.
   */
  private static void ingestInterleaved(Hookstream hs, String source, int eventsPerKey)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(INGEST_THREADS);
    try {
      List<Future<?>> done =
          IntStream.range(0, INGEST_THREADS)
              .mapToObj(
                  thread ->
                      pool.submit(
                          () -> {
                            for (int seq = 0; seq < eventsPerKey; seq++) {
                              for (int k = thread; k < KEYS; k += INGEST_THREADS) {
                                hs.ingest(
                                    source,
                                    IngestRequest.json(
                                        "{\"customer_id\":\"cus_" + k + "\",\"seq\":" + seq + "}"));
                              }
                            }
                          }))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** An engine on the real clock; the circuit breaker stays out of the way of 20% failures. */
  private static Hookstream engine(Stores stores) {
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.kv())
        .blobStore(stores.blobs())
        .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
        .circuitSettings(new CircuitSettings(1_000, Duration.ofSeconds(1)))
        .delivery(32, Duration.ofSeconds(60), Duration.ofMillis(20))
        .build()
        .start();
  }

  private static Stores memory() {
    io.hookstream.spi.Clock clock = io.hookstream.spi.Clock.system();
    return new Stores(
        new InMemoryStore(), new InMemoryKeyValueStore(clock), new InMemoryBlobStore());
  }

  private static Stores postgres() {
    JdbcStores stores = JdbcStores.builder(TestDatabases.postgresFresh()).build();
    return new Stores(stores.store(), stores.keyValueStore(), stores.blobStore());
  }
}
