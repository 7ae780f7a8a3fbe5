package io.hookstream.micrometer;

import io.hookstream.Hookstream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges: each poll reads the store through the engine's public API (one query per gauge). NaN
 * before the engine is built, or when the store cannot answer.
 */
final class EngineGauges {

  private static final Logger LOG = LoggerFactory.getLogger(EngineGauges.class);

  private EngineGauges() {}

  static void register(MeterRegistry registry, Tags tags, Supplier<Hookstream> engine) {
    gauge(
        registry,
        tags,
        engine,
        HookstreamMetrics.BACKLOG,
        "Delivery tasks not yet settled (waiting or in flight)",
        hs -> hs.deliveries().backlog().pending());
    gauge(
        registry,
        tags,
        engine,
        HookstreamMetrics.TASKS_DUE,
        "Delivery tasks due now that wait for a worker",
        hs -> hs.deliveries().backlog().due());
    gauge(
        registry,
        tags,
        engine,
        HookstreamMetrics.CIRCUITS_OPEN,
        "Destinations whose circuit is open or half open",
        hs -> hs.circuits().openCount());
    gauge(
        registry,
        tags,
        engine,
        HookstreamMetrics.ISSUES_OPEN,
        "Issues with status open",
        hs -> hs.issues().openCount());
  }

  private static void gauge(
      MeterRegistry registry,
      Tags tags,
      Supplier<Hookstream> engine,
      String name,
      String description,
      ToDoubleFunction<Hookstream> read) {
    Gauge.builder(name, engine, e -> read(e.get(), name, read))
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private static double read(Hookstream hs, String name, ToDoubleFunction<Hookstream> read) {
    if (hs == null) {
      return Double.NaN;
    }
    try {
      return read.applyAsDouble(hs);
    } catch (RuntimeException e) {
      LOG.debug("gauge {} could not be read", name, e);
      return Double.NaN;
    }
  }
}
