package io.hookstream.store.memory;

import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.MetricsRepository;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Metrics over the other in-memory tables (raw reads scan the scope's rows), with rollups in a map
 * sorted by key within each scope and granularity. Thread-safe.
 */
final class MemoryMetrics implements MetricsRepository {

  private record Series(Scope scope, String granularity) {}

  private static final Comparator<MetricsRollupRecord> ORDER =
      Comparator.comparing(MetricsRollupRecord::bucketStart)
          .thenComparing(MetricsRollupRecord::dimension)
          .thenComparing(MetricsRollupRecord::dimensionId);

  private final MemoryEvents events;
  private final MemoryDeliveries deliveries;
  private final MemorySources sources;
  private final MemoryDestinations destinations;
  private final MemoryCollections collections;
  private final Map<Series, ConcurrentSkipListMap<MetricsRollupRecord, MetricsRollupRecord>>
      rollups = new ConcurrentHashMap<>();
  private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

  MemoryMetrics(
      MemoryEvents events,
      MemoryDeliveries deliveries,
      MemorySources sources,
      MemoryDestinations destinations,
      MemoryCollections collections) {
    this.events = events;
    this.deliveries = deliveries;
    this.sources = sources;
    this.destinations = destinations;
    this.collections = collections;
  }

  @Override
  public Map<Instant, Map<String, Long>> countEventsByHour(Scope scope, Instant from, Instant to) {
    Map<Instant, Map<String, Long>> counts = new HashMap<>();
    for (Iterator<EventRecord> it = events.oldestFirst(scope); it.hasNext(); ) {
      EventRecord e = it.next();
      if (within(e.receivedAt(), from, to)) {
        counts
            .computeIfAbsent(e.receivedAt().truncatedTo(ChronoUnit.HOURS), h -> new HashMap<>())
            .merge(e.sourceId(), 1L, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public void forEachAttempt(Scope scope, Instant from, Instant to, Consumer<AttemptSample> sink) {
    for (Iterator<AttemptRecord> it = deliveries.attemptsOf(scope); it.hasNext(); ) {
      AttemptRecord a = it.next();
      if (within(a.attemptedAt(), from, to)) {
        sink.accept(
            new AttemptSample(a.destinationId(), a.succeeded(), a.latencyMs(), a.attemptedAt()));
      }
    }
  }

  @Override
  public Optional<Instant> oldestEventAt() {
    return events.all().stream().map(EventRecord::receivedAt).min(Comparator.naturalOrder());
  }

  @Override
  public ResourceCounts resourceCounts(Scope scope) {
    return new ResourceCounts(
        sources.countLive(scope),
        destinations.countLive(scope),
        deliveries.countTasks(scope, TaskStatus.DEAD),
        collections.count(scope));
  }

  @Override
  public void upsert(List<MetricsRollupRecord> rows) {
    for (MetricsRollupRecord r : rows) {
      rollups
          .computeIfAbsent(
              new Series(r.scope(), r.granularity()), k -> new ConcurrentSkipListMap<>(ORDER))
          .put(r, r);
    }
  }

  @Override
  public List<MetricsRollupRecord> rollups(
      Scope scope, String granularity, Instant from, Instant to) {
    var series = rollups.get(new Series(scope, granularity));
    if (series == null) {
      return List.of();
    }
    return series.values().stream().filter(r -> within(r.bucketStart(), from, to)).toList();
  }

  @Override
  public Optional<Instant> watermark(String name) {
    return Optional.ofNullable(watermarks.get(name));
  }

  @Override
  public void advanceWatermark(String name, Instant at) {
    watermarks.merge(name, at, (old, proposed) -> proposed.isAfter(old) ? proposed : old);
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
