package io.hookstream.benchmarks.delivery;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.delivery.EndToEndHarness.Measured;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.spi.store.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Harness 3's receiver that slows down under load: it answers in 2 ms + 3 ms for every request in
 * progress beyond 8, so it serves about 4,000/s at 8 at once and 376/s at 64. One destination with
 * {@code max_in_flight} 64, on the memory store, with enough workers (128) that the node could use
 * all 64; delivered with the adaptive concurrency limit and without it ({@code
 * Hookstream.Builder.adaptiveConcurrency(false)}), at a fixed offered rate and as a burst.
 */
final class LoadSensitiveScenario {

  private static final int MAX_IN_FLIGHT = 64;
  private static final int FAST_UP_TO = 8;
  private static final long BASE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long PER_EXTRA_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
  private static final double RATE = 1_000;

  private final String harness;

  LoadSensitiveScenario(String harness) {
    this.harness = harness;
  }

  static long serviceNanos(int concurrent) {
    return BASE_NANOS + PER_EXTRA_NANOS * Math.max(0, concurrent - FAST_UP_TO);
  }

  List<Row> run(Mode mode) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (LatencyReceiver receiver =
        new LatencyReceiver(MAX_IN_FLIGHT + 32, LoadSensitiveScenario::serviceNanos)) {
      for (boolean adaptive : List.of(true, false)) {
        rows.addAll(run(mode, receiver, adaptive));
      }
    }
    return rows;
  }

  private List<Row> run(Mode mode, LatencyReceiver receiver, boolean adaptive) throws Exception {
    String label =
        "memory, receiver slowing beyond 8 at once, max_in_flight 64, "
            + (adaptive ? "adaptive" : "fixed (adaptiveConcurrency off)");
    List<Row> rows = new ArrayList<>();
    try (Hookstream hs =
        Engines.memory()
            .delivery(2 * MAX_IN_FLIGHT, Duration.ofSeconds(60), Duration.ofSeconds(1))
            .adaptiveConcurrency(adaptive)
            .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
            .build()
            .start()) {
      Scope scope = Engines.tenant(hs);
      String source = Engines.plainSource(hs, scope);
      String destination =
          hs.destinations()
              .create(
                  scope,
                  DestinationSpec.builder()
                      .name("slowing")
                      .url(receiver.url("/slowing"))
                      .maxInFlight(MAX_IN_FLIGHT)
                      .build())
              .id();
      hs.connections()
          .create(
              scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
      EndToEndHarness.offer(hs, source, receiver, 0, 1_000, 1); // warm-up
      long events = (long) (RATE * (mode.quick() ? 3 : 30));
      rows.addAll(
          measure(
              label + String.format(Locale.ROOT, " at %,.0f events/s", RATE),
              EndToEndHarness.offer(hs, source, receiver, RATE, events, 1),
              receiver,
              hs.circuits().state(scope, destination).concurrencyLimit(),
              RATE));
      long burst = mode.quick() ? 5_000 : 20_000;
      rows.addAll(
          measure(
              label + ", burst of " + burst,
              EndToEndHarness.offer(hs, source, receiver, 0, burst, 1),
              receiver,
              hs.circuits().state(scope, destination).concurrencyLimit(),
              Double.NaN));
    }
    return rows;
  }

  private List<Row> measure(
      String what, Measured m, LatencyReceiver receiver, int limit, double offered) {
    String detail =
        String.format(
            Locale.ROOT,
            "p50 %.2f, p99 %.2f ms; receiver peak %d at once; engine limit at the end %d%s",
            m.latency().millis(50),
            m.latency().millis(99),
            receiver.peakInProgress(),
            limit,
            m.delivered() < m.expected() ? "; MISSING " + (m.expected() - m.delivered()) : "");
    System.out.printf(
        Locale.ROOT, "%-60s delivered %,8.0f/s; %s%n", what, m.deliveredPerSecond(), detail);
    return List.of(
        Row.of(harness, what + ": delivered", m.deliveredPerSecond(), offered, "deliveries/s", ""),
        Row.alone(harness, what + ": p99", m.latency().millis(99), "ms", detail));
  }
}
