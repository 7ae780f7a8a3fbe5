package io.hookstream.micrometer;

import io.hookstream.Hookstream;
import io.hookstream.observe.EngineObserver;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.ReceivedEvent;
import io.hookstream.observe.SentNotification;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's meters, as a Micrometer {@link MeterBinder}. Register it with the engine as an
 * observer (it counts and times what the engine does), then bind it to your registry:
 *
 * <pre>{@code
 * HookstreamMetrics metrics = new HookstreamMetrics();
 * Hookstream hs = Hookstream.builder().store(store).keyValueStore(kv).blobStore(blobs)
 *     .observer(metrics).build().start();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Counters: {@value #EVENTS_RECEIVED} (tags {@code source}, {@code duplicate}), {@value
 * #DELIVERIES} ({@code destination}, {@code outcome}: success, failure, timeout, dlq), {@value
 * #NOTIFICATIONS} ({@code channel_type}, {@code outcome}: success, failure). Timers: {@value
 * #INGEST_LATENCY} ({@code source}), {@value #DELIVERY_LATENCY} ({@code destination}). Gauges, read
 * from the store at each poll, across every organization sharing it: {@value #BACKLOG}, {@value
 * #TASKS_DUE}, {@value #CIRCUITS_OPEN}, {@value #ISSUES_OPEN}. Every meter also carries the common
 * tags given to the constructor.
 *
 * <p>One instance observes one engine (a second fails that engine's build) and may be bound to
 * several registries. Events before {@link #bindTo} are not counted. Thread-safe.
 */
public final class HookstreamMetrics implements MeterBinder, EngineObserver {

  public static final String EVENTS_RECEIVED = "hookstream.events.received";
  public static final String DELIVERIES = "hookstream.deliveries";
  public static final String NOTIFICATIONS = "hookstream.notifications";
  public static final String INGEST_LATENCY = "hookstream.ingest.latency";
  public static final String DELIVERY_LATENCY = "hookstream.delivery.latency";
  public static final String BACKLOG = "hookstream.backlog";
  public static final String TASKS_DUE = "hookstream.tasks.due";
  public static final String CIRCUITS_OPEN = "hookstream.circuits.open";
  public static final String ISSUES_OPEN = "hookstream.issues.open";

  private final Tags commonTags;
  private final List<RegistryMeters> registries = new CopyOnWriteArrayList<>();
  private volatile Hookstream engine;

  /** Meters with no common tags. */
  public HookstreamMetrics() {
    this(Tags.empty());
  }

  /** Meters that all carry {@code commonTags} (for example the application's instance). */
  public HookstreamMetrics(Iterable<Tag> commonTags) {
    this.commonTags = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
  }

  /** Keeps the engine whose gauges it reads; a second engine is refused. */
  @Override
  public synchronized void attached(Hookstream hs) {
    if (engine != null && engine != hs) {
      throw new IllegalStateException(
          "this HookstreamMetrics already observes engine "
              + engine.nodeId()
              + "; make one per engine");
    }
    engine = hs;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    EngineGauges.register(registry, commonTags, () -> engine);
    registries.add(new RegistryMeters(registry, commonTags));
  }

  @Override
  public void eventReceived(ReceivedEvent event) {
    for (RegistryMeters m : registries) {
      m.received(event);
    }
  }

  @Override
  public void deliveryFinished(FinishedDelivery delivery) {
    for (RegistryMeters m : registries) {
      m.delivered(delivery);
    }
  }

  @Override
  public void notificationSent(SentNotification notification) {
    for (RegistryMeters m : registries) {
      m.notified(notification);
    }
  }
}
