package io.hookstream.micrometer;

import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.ReceivedEvent;
import io.hookstream.observe.SentNotification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters and timers of one registry, looked up once per tag combination: the delivery path
 * then costs a map hit, not a meter id built for every attempt. Thread-safe.
 */
final class RegistryMeters {

  private final MeterRegistry registry;
  private final Tags common;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

  RegistryMeters(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
  }

  void received(ReceivedEvent e) {
    String source = String.valueOf(e.sourceId());
    counter(
            HookstreamMetrics.EVENTS_RECEIVED,
            "Webhooks accepted and stored",
            "source",
            source,
            "duplicate",
            Boolean.toString(e.duplicate()))
        .increment();
    timer(
            HookstreamMetrics.INGEST_LATENCY,
            "Time to verify, dedupe and store an event",
            "source",
            source)
        .record(e.ingestDuration());
  }

  void delivered(FinishedDelivery d) {
    String destination = d.destinationId();
    counter(
            HookstreamMetrics.DELIVERIES,
            "Delivery attempts by outcome",
            "destination",
            destination,
            "outcome",
            d.outcome().label())
        .increment();
    timer(
            HookstreamMetrics.DELIVERY_LATENCY,
            "Time of a delivery attempt's send",
            "destination",
            destination)
        .record(d.latency());
  }

  void notified(SentNotification n) {
    counter(
            HookstreamMetrics.NOTIFICATIONS,
            "Notifications sent to channels",
            "channel_type",
            String.valueOf(n.channelType()),
            "outcome",
            n.success() ? "success" : "failure")
        .increment();
  }

  private Counter counter(
      String name, String description, String key1, String value1, String key2, String value2) {
    return counters.computeIfAbsent(
        List.of(name, value1, value2),
        k ->
            Counter.builder(name)
                .description(description)
                .tags(common)
                .tag(key1, value1)
                .tag(key2, value2)
                .register(registry));
  }

  private Timer timer(String name, String description, String key, String subject) {
    return timers.computeIfAbsent(
        List.of(name, subject),
        k ->
            Timer.builder(name)
                .description(description)
                .tags(common)
                .tag(key, subject)
                .register(registry));
  }
}
