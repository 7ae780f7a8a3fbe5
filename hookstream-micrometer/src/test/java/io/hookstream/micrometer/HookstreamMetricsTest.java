package io.hookstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.CircuitSettings;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.spi.Clock;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.testkit.HookstreamExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The binder against a started engine that delivers to a real HTTP receiver on loopback: counts and
 * tags are exact, timers record every ingest and attempt, gauges read the store.
 */
class HookstreamMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HookstreamMetrics metrics = new HookstreamMetrics(Tags.of("app", "shop"));

  // Two consecutive failures open a circuit, so one retried failure does not.
  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b -> b.observer(metrics).circuitSettings(new CircuitSettings(2, Duration.ofMinutes(5))));

  private final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsEventsAndAttemptsByOutcomeAndDestinationAndTimesThem() {
    metrics.bindTo(registry);
    Route retried = route("retried", UnaryOperator.identity());
    Route refused = route("refused", UnaryOperator.identity());
    Route slow = route("slow", d -> d.timeoutSeconds(1));
    String s1 = retried.source();

    hs.receiver().enqueue(ScriptedResponse.status(500));
    String first = hs.send(s1, "{\"n\":1}").eventId();
    hs.awaitAttempts(first, 1, WAIT);
    hs.advance(Duration.ofSeconds(30)); // the retry, answered 200
    hs.awaitAttempts(first, 2, WAIT);
    hs.awaitAttempts(hs.send(s1, "{\"n\":2}").eventId(), 1, WAIT);
    hs.receiver().enqueue(ScriptedResponse.status(400));
    hs.awaitAttempts(hs.send(refused.source(), "{}").eventId(), 1, WAIT);
    hs.receiver().enqueue(ScriptedResponse.ok().withDelay(Duration.ofSeconds(3)));
    hs.awaitAttempts(hs.send(slow.source(), "{}").eventId(), 1, WAIT);
    hs.awaitUntil(
        "the last attempt counted", WAIT, () -> count(slow.destination(), "timeout") == 1);

    assertThat(count(retried.destination(), "failure")).isEqualTo(1);
    assertThat(count(retried.destination(), "success")).isEqualTo(2);
    assertThat(count(refused.destination(), "dlq")).isEqualTo(1);
    assertThat(registry.find(HookstreamMetrics.DELIVERIES).counters()).hasSize(4);
    assertThat(
            registry
                .get(HookstreamMetrics.EVENTS_RECEIVED)
                .tags("app", "shop", "source", s1, "duplicate", "false")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get(HookstreamMetrics.EVENTS_RECEIVED).counters()).hasSize(3);
    assertThat(
            registry
                .get(HookstreamMetrics.DELIVERY_LATENCY)
                .tags("destination", retried.destination())
                .timer()
                .count())
        .isEqualTo(3);
    // Latencies come from the engine clock, which stands still here: counts, not durations.
    assertThat(
            registry
                .get(HookstreamMetrics.DELIVERY_LATENCY)
                .tags("destination", slow.destination())
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get(HookstreamMetrics.INGEST_LATENCY).tags("source", s1).timer().count())
        .isEqualTo(2);
  }

  @Test
  void gaugesShowTheBacklogTheDueTasksOpenCircuitsAndOpenIssues() {
    metrics.bindTo(registry);
    assertThat(gauge(HookstreamMetrics.BACKLOG)).isZero();

    // Two failures in a row: the circuit opens (an issue), the task waits for its next retry.
    Route flaky = route("flaky", UnaryOperator.identity());
    hs.receiver().enqueue(ScriptedResponse.status(500), ScriptedResponse.status(500));
    String event = hs.send(flaky.source(), "{}").eventId();
    hs.awaitAttempts(event, 1, WAIT);
    hs.advance(Duration.ofSeconds(30));
    hs.awaitAttempts(event, 2, WAIT);
    // A refused event goes to the DLQ, which opens a second issue.
    Route refused = route("refused", UnaryOperator.identity());
    hs.receiver().enqueue(ScriptedResponse.status(400));
    hs.awaitAttempts(hs.send(refused.source(), "{}").eventId(), 1, WAIT);
    // A disabled destination's events wait, due, for it to come back.
    Route paused = route("paused", d -> d.enabled(false));
    hs.send(paused.source(), "{}");
    hs.send(paused.source(), "{}");

    assertThat(gauge(HookstreamMetrics.BACKLOG)).isEqualTo(3);
    assertThat(gauge(HookstreamMetrics.TASKS_DUE)).isEqualTo(2);
    assertThat(gauge(HookstreamMetrics.CIRCUITS_OPEN)).isEqualTo(1);
    assertThat(gauge(HookstreamMetrics.ISSUES_OPEN)).isEqualTo(2);
    assertThat(registry.get(HookstreamMetrics.BACKLOG).gauge().getId().getTag("app"))
        .isEqualTo("shop");
  }

  @Test
  void oneBinderObservesOneEngine() {
    HookstreamMetrics shared = new HookstreamMetrics();
    try (Hookstream first = engine(shared)) {
      assertThat(first.isRunning()).isFalse();
      assertThatThrownBy(() -> engine(shared))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("one per engine");
    }
  }

  /** The README's five lines, compiled and run. */
  @Test
  void theReadmeExample() {
    var store = new InMemoryStore();
    var kv = new InMemoryKeyValueStore(Clock.system());
    var blobs = new InMemoryBlobStore();
    // --- as in the README's "Metrics and traces"
    MeterRegistry registry = new SimpleMeterRegistry();
    HookstreamMetrics metrics = new HookstreamMetrics();
    Hookstream hs =
        Hookstream.builder()
            .store(store)
            .keyValueStore(kv)
            .blobStore(blobs)
            .observer(metrics)
            .build()
            .start();
    metrics.bindTo(registry);
    // ---
    try (hs) {
      assertThat(registry.get(HookstreamMetrics.BACKLOG).gauge().value()).isZero();
      assertThat(registry.get(HookstreamMetrics.ISSUES_OPEN).gauge().value()).isZero();
    }
  }

  private static Hookstream engine(HookstreamMetrics observer) {
    return Hookstream.builder()
        .store(new InMemoryStore())
        .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
        .blobStore(new InMemoryBlobStore())
        .observer(observer)
        .build();
  }

  private record Route(String source, String destination) {}

  /** A new source connected to a new receiver destination, both named {@code name}. */
  private Route route(String name, UnaryOperator<DestinationSpec.Builder> spec) {
    String destination = hs.receiverDestination(d -> spec.apply(d.name(name))).id();
    String source = hs.source(s -> s.name(name)).id();
    hs.engine()
        .connections()
        .create(
            hs.scope(),
            ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    return new Route(source, destination);
  }

  private double count(String destination, String outcome) {
    var counter =
        registry
            .find(HookstreamMetrics.DELIVERIES)
            .tags("destination", destination, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
