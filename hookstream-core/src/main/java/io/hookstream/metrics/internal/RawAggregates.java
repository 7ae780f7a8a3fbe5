package io.hookstream.metrics.internal;

import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One stretch of raw data summed per source or per destination. The rollup job and the raw query
 * path both use it, so a bucket read raw and the same bucket read from its rollup agree.
 */
public final class RawAggregates {

  private final Store store;

  public RawAggregates(Store store) {
    this.store = store;
  }

  /** Events received in {@code [from, to)}, per source id. */
  public Map<String, Cell> sources(Scope scope, Instant from, Instant to) {
    Map<String, Cell> cells = new HashMap<>();
    store
        .metrics()
        .countEventsBySource(scope, from, to)
        .forEach((id, n) -> cells.put(id, Cell.ofEvents(n)));
    return cells;
  }

  /** Attempts made in {@code [from, to)}, per destination id, streamed into their sketches. */
  public Map<String, Cell> destinations(Scope scope, Instant from, Instant to) {
    Map<String, Cell> cells = new HashMap<>();
    store
        .metrics()
        .forEachAttempt(
            scope, from, to, a -> cells.computeIfAbsent(a.destinationId(), k -> new Cell()).add(a));
    return cells;
  }
}
