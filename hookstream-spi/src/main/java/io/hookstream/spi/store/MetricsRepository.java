package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the metrics need from storage: the raw reads the engine aggregates (events counted per
 * source, attempts streamed), the rollup rows it writes once a bucket has closed, named watermarks
 * that say how far the rollups have got, and the counts of the overview.
 */
public interface MetricsRepository {

  /** One delivery attempt as the metrics see it: whose, its outcome, its latency and when. */
  record AttemptSample(
      String destinationId, boolean success, Long latencyMs, Instant attemptedAt) {}

  /** Live resources of an environment: sources and destinations not deleted, dead tasks. */
  record ResourceCounts(long sources, long destinations, long deadTasks, long collections) {}

  /**
   * Events of the scope received in {@code [from, to)}, counted per UTC hour and source, in one
   * read: hour start, then source id, then count.
   */
  Map<Instant, Map<String, Long>> countEventsByHour(Scope scope, Instant from, Instant to);

  /**
   * Hands every attempt of the scope made in {@code [from, to)} to {@code sink}, in no particular
   * order, without holding them all in memory.
   */
  void forEachAttempt(Scope scope, Instant from, Instant to, Consumer<AttemptSample> sink);

  /** Across all tenants: when the oldest stored event was received. */
  Optional<Instant> oldestEventAt();

  ResourceCounts resourceCounts(Scope scope);

  /**
   * Stores the rows, each replacing any stored row with the same {@link MetricsRollupRecord#key}.
   */
  void upsert(List<MetricsRollupRecord> rows);

  /**
   * The scope's rows of {@code granularity} whose bucket starts in {@code [from, to)}, by bucket
   * start, then dimension, then dimension id.
   */
  List<MetricsRollupRecord> rollups(Scope scope, String granularity, Instant from, Instant to);

  /** The instant the named watermark has reached, if it was ever set. */
  Optional<Instant> watermark(String name);

  /**
   * Moves the named watermark to {@code at} if it is unset or behind it; never moves it back, so
   * nodes that advance it concurrently leave the furthest value.
   */
  void advanceWatermark(String name, Instant at);
}
