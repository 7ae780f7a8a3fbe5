package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.Backlog;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.observe.AttemptOutcome;
import io.hookstream.observe.DeliveryTrace;
import io.hookstream.observe.EngineObserver;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.OutgoingDelivery;
import io.hookstream.observe.ReceivedEvent;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registered observers hear ingest and delivery in order, can add outbound headers, and cannot
 * break the engine by throwing; the gauges' reads follow the backlog.
 */
class EngineObserverTest {

  private final ManualClock clock = new ManualClock();
  private final TestEngine.RecordingProvider provider = new TestEngine.RecordingProvider();
  private final Recorder recorder = new Recorder();
  private Hookstream hs;

  @AfterEach
  void close() {
    if (hs != null) {
      hs.close();
    }
  }

  @Test
  void observersHearIngestAndEachAttemptAndTheirHeadersGoOut() {
    hs = engine(new Throwing(), recorder);
    Scope scope = TestEngine.newScope(hs);
    String src = route(scope);

    String eventId =
        hs.ingest(
                src,
                IngestRequest.builder()
                    .header(
                        "Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .body("{}".getBytes())
                    .build())
            .eventId();
    assertThat(recorder.received)
        .singleElement()
        .satisfies(e -> assertThat(e.eventId()).isEqualTo(eventId))
        .satisfies(e -> assertThat(e.sourceId()).isEqualTo(src))
        .satisfies(e -> assertThat(e.duplicate()).isFalse())
        .satisfies(e -> assertThat(e.orgId()).isEqualTo(scope.orgId()));

    assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(1);

    assertThat(recorder.inboundTraceparent)
        .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(provider.requests)
        .singleElement()
        .satisfies(
            r -> assertThat(r.config().get("headers")).isEqualTo(Map.of("x-seen-by", "recorder")));
    assertThat(recorder.traced).isEqualTo(recorder.finished);
    assertThat(recorder.finished)
        .singleElement()
        .satisfies(f -> assertThat(f.eventId()).isEqualTo(eventId))
        .satisfies(f -> assertThat(f.attemptNumber()).isEqualTo(1))
        .satisfies(f -> assertThat(f.outcome()).isEqualTo(AttemptOutcome.SUCCESS))
        .satisfies(f -> assertThat(f.statusCode()).isEqualTo(200))
        .satisfies(f -> assertThat(f.destinationType()).isEqualTo("http"));
  }

  @Test
  void backlogCountsTheWorkWaitingUntilItIsDelivered() {
    hs = engine(recorder);
    Scope scope = TestEngine.newScope(hs);
    String src = route(scope);
    hs.ingest(src, IngestRequest.json("{}"));
    hs.ingest(src, IngestRequest.json("{}"));
    assertThat(hs.deliveries().backlog()).isEqualTo(new Backlog(2, 2));
    hs.runDueDeliveries();
    assertThat(hs.deliveries().backlog()).isEqualTo(new Backlog(0, 0));
    assertThat(hs.circuits().openCount()).isZero();
    assertThat(hs.issues().openCount()).isZero();
  }

  @Test
  void anObserverThatRefusesTheEngineFailsTheBuild() {
    EngineObserver refusing =
        new EngineObserver() {
          @Override
          public void attached(Hookstream engine) {
            throw new IllegalStateException("already bound to another engine");
          }
        };
    assertThatThrownBy(() -> engine(refusing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another engine");
  }

  private Hookstream engine(EngineObserver... observers) {
    Hookstream.Builder b = TestEngine.builder(new InMemoryStore(), clock).provider(provider);
    for (EngineObserver o : observers) {
      b.observer(o);
    }
    return b.build();
  }

  private String route(Scope scope) {
    String src = hs.sources().create(scope, SourceSpec.builder().name("s").build()).id();
    String dst = TestEngine.destination(hs, scope, "d");
    hs.connections()
        .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());
    return src;
  }

  /** Records what it hears; adds one header to each attempt. */
  private static final class Recorder implements EngineObserver {
    final List<ReceivedEvent> received = new CopyOnWriteArrayList<>();
    final List<String> inboundTraceparent = new CopyOnWriteArrayList<>();
    final List<FinishedDelivery> traced = new CopyOnWriteArrayList<>();
    final List<FinishedDelivery> finished = new CopyOnWriteArrayList<>();

    @Override
    public void eventReceived(ReceivedEvent event) {
      received.add(event);
    }

    @Override
    public DeliveryTrace deliveryStarting(OutgoingDelivery delivery) {
      delivery.eventHeader("traceparent").ifPresent(inboundTraceparent::add);
      delivery.header("x-seen-by", "recorder");
      return traced::add;
    }

    @Override
    public void deliveryFinished(FinishedDelivery delivery) {
      finished.add(delivery);
    }
  }

  /** Throws from every hook: the engine logs it and goes on. */
  private static final class Throwing implements EngineObserver {
    @Override
    public void eventReceived(ReceivedEvent event) {
      throw new IllegalStateException("boom");
    }

    @Override
    public DeliveryTrace deliveryStarting(OutgoingDelivery delivery) {
      return d -> {
        throw new IllegalStateException("boom");
      };
    }

    @Override
    public void deliveryFinished(FinishedDelivery delivery) {
      throw new IllegalStateException("boom");
    }
  }
}
