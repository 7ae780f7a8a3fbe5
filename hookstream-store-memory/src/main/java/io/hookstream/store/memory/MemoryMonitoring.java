package io.hookstream.store.memory;

import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DestinationWindowStats;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.MonitoringRepository;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Window statistics over the in-memory attempts and events. Ids sort by creation time, so a scan
 * newest first stops once it is past the window (with a minute's slack for ids and times taken a
 * moment apart). Thread-safe.
 */
final class MemoryMonitoring implements MonitoringRepository {

  private static final Duration SLACK = Duration.ofMinutes(1);

  private final MemoryDeliveries deliveries;
  private final MemoryEvents events;

  MemoryMonitoring(MemoryDeliveries deliveries, MemoryEvents events) {
    this.deliveries = deliveries;
    this.events = events;
  }

  @Override
  public WindowStats attempts(
      Scope scope, String sourceId, String destinationId, Instant from, Instant to) {
    long[] n = new long[3];
    forAttempts(
        scope,
        sourceId,
        destinationId,
        from,
        to,
        a -> {
          n[0]++;
          n[1] += a.succeeded() ? 0 : 1;
          n[2] += a.dlq() ? 1 : 0;
        });
    return new WindowStats(n[0], n[1], n[2]);
  }

  @Override
  public OptionalLong latencyPercentile(
      Scope scope,
      String sourceId,
      String destinationId,
      Instant from,
      Instant to,
      double percentile) {
    List<Long> latencies = new ArrayList<>();
    forAttempts(
        scope,
        sourceId,
        destinationId,
        from,
        to,
        a -> latencies.add(a.latencyMs() == null ? 0L : a.latencyMs()));
    if (latencies.isEmpty()) {
      return OptionalLong.empty();
    }
    latencies.sort(null);
    int rank = (int) Math.ceil(percentile / 100.0 * latencies.size());
    return OptionalLong.of(latencies.get(Math.max(0, rank - 1)));
  }

  @Override
  public long events(Scope scope, String sourceId, Instant from, Instant to) {
    long n = 0;
    for (Iterator<EventRecord> it = events.newestFirst(scope); it.hasNext(); ) {
      EventRecord e = it.next();
      if (e.receivedAt().isBefore(from.minus(SLACK))) {
        break;
      }
      if (!e.duplicate()
          && within(e.receivedAt(), from, to)
          && (sourceId == null || sourceId.equals(e.sourceId()))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public List<DestinationWindowStats> attemptsByDestination(
      Instant from, Instant to, int minAttempts, int limit) {
    Map<List<String>, long[]> counts = new LinkedHashMap<>();
    for (AttemptRecord a : deliveries.allAttempts()) {
      if (counted(a) && within(a.attemptedAt(), from, to)) {
        long[] n =
            counts.computeIfAbsent(
                List.of(a.orgId(), a.envId(), a.destinationId()), k -> new long[3]);
        n[0]++;
        n[1] += a.succeeded() ? 0 : 1;
        n[2] += a.dlq() ? 1 : 0;
      }
    }
    List<DestinationWindowStats> result = new ArrayList<>();
    counts.forEach(
        (k, n) -> {
          if (n[0] >= minAttempts && result.size() < limit) {
            result.add(
                new DestinationWindowStats(
                    k.get(0), k.get(1), k.get(2), new WindowStats(n[0], n[1], n[2])));
          }
        });
    return result;
  }

  private void forAttempts(
      Scope scope,
      String sourceId,
      String destinationId,
      Instant from,
      Instant to,
      Consumer<AttemptRecord> each) {
    for (Iterator<AttemptRecord> it = deliveries.newestAttempts(scope); it.hasNext(); ) {
      AttemptRecord a = it.next();
      if (a.attemptedAt().isBefore(from.minus(SLACK))) {
        return;
      }
      if (counted(a)
          && within(a.attemptedAt(), from, to)
          && (destinationId == null || destinationId.equals(a.destinationId()))
          && (sourceId == null || fromSource(scope, a, sourceId))) {
        each.accept(a);
      }
    }
  }

  private boolean fromSource(Scope scope, AttemptRecord a, String sourceId) {
    return events.find(scope, a.eventId()).map(e -> sourceId.equals(e.sourceId())).orElse(false);
  }

  private static boolean counted(AttemptRecord a) {
    return a.destinationId() == null || !a.destinationId().startsWith("nc_");
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return !at.isBefore(from) && at.isBefore(to);
  }
}
