package io.hookstream.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.CircuitSettings;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.CapacityReceiver.Arrival;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A whole engine delivering a burst over HTTP to a receiver that serves {@value #CAPACITY} requests
 * at once and answers 429 beyond that, with and without the adaptive concurrency limit. The clock
 * stands still, so each event gets exactly its first attempt (and every latency measures zero: the
 * 429s alone move the limit); the circuit breaker is set out of reach, so that only the concurrency
 * limit is at work.
 */
class AdaptiveConcurrencyTest {

  private static final int CAPACITY = 4;
  private static final int MAX_IN_FLIGHT = 16;
  private static final int EVENTS = 240;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The receiver's first-attempt arrivals, and the engine's concurrency limit at the end. */
  private record Burst(List<Arrival> arrivals, int limit) {}

  @Test
  void concurrencySettlesNearWhatTheReceiverServesAndFew429sAreSeen() throws Exception {
    Burst burst = burst(true);
    List<Arrival> arrivals = burst.arrivals();

    long refused = arrivals.stream().filter(Arrival::refused).count();
    List<Arrival> settled = arrivals.subList(arrivals.size() / 4, arrivals.size());
    int peak = settled.stream().mapToInt(Arrival::concurrency).max().orElseThrow();
    double mean = settled.stream().mapToInt(Arrival::concurrency).average().orElseThrow();
    System.out.printf(
        "adaptive: %d of %d first attempts refused; after the first quarter peak %d, mean %.1f%n",
        refused, EVENTS, peak, mean);
    assertThat(refused).isLessThan(EVENTS / 5);
    assertThat(peak).isLessThanOrEqualTo(CAPACITY + 2);
    assertThat(mean).isBetween(CAPACITY / 2.0, CAPACITY + 1.0);
    assertThat(burst.limit()).as("the circuit view's concurrency limit").isBetween(1, CAPACITY + 2);
  }

  @Test
  void aFixedMaxInFlightAboveWhatTheReceiverServesKeepsHitting429() throws Exception {
    Burst burst = burst(false);
    List<Arrival> arrivals = burst.arrivals();

    // Refused requests leave at once, so the receiver's concurrency says little here; the 429s do.
    long refused = arrivals.stream().filter(Arrival::refused).count();
    System.out.printf("fixed: %d of %d first attempts refused%n", refused, EVENTS);
    // Twice what the adaptive run may see at most (EVENTS / 5), whatever the machine's load.
    assertThat(refused).isGreaterThan(2 * EVENTS / 5);
    assertThat(burst.limit()).isEqualTo(MAX_IN_FLIGHT);
  }

  /** Ingests {@link #EVENTS} events at once and returns the receiver's first-attempt arrivals. */
  private static Burst burst(boolean adaptive) throws Exception {
    ManualClock clock = new ManualClock();
    try (CapacityReceiver receiver = new CapacityReceiver(CAPACITY, 10);
        Hookstream hs =
            Hookstream.builder()
                .store(new InMemoryStore())
                .keyValueStore(new InMemoryKeyValueStore(clock))
                .blobStore(new InMemoryBlobStore())
                .clock(clock)
                .circuitSettings(new CircuitSettings(1_000_000, Duration.ofSeconds(60)))
                .adaptiveConcurrency(adaptive)
                .provider(
                    HttpDestinationProvider.builder()
                        .allowPrivateNetworks(true)
                        .clock(clock)
                        .build())
                .build()
                .start()) {
      var org = hs.organizations().create("test");
      Scope scope = hs.organizations().createEnvironment(org.id(), "test").scope();
      String source = hs.sources().create(scope, SourceSpec.builder().name("in").build()).id();
      String destination =
          hs.destinations()
              .create(
                  scope,
                  DestinationSpec.builder()
                      .name("limited")
                      .url(receiver.url())
                      .maxInFlight(MAX_IN_FLIGHT)
                      .build())
              .id();
      hs.connections()
          .create(
              scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
      for (int i = 0; i < EVENTS; i++) {
        hs.ingest(source, IngestRequest.json("{\"n\":" + i + "}"));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (receiver.arrivals().size() < EVENTS) {
        assertThat(System.nanoTime()).as("all first attempts within " + WAIT).isLessThan(deadline);
        LockSupport.parkNanos(5_000_000);
      }
      return new Burst(
          receiver.arrivals(), hs.circuits().state(scope, destination).concurrencyLimit());
    }
  }
}
