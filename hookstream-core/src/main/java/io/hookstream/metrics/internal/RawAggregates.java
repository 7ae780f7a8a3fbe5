package io.hookstream.metrics.internal;

import io.hookstream.alert.internal.ChannelDestinations;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A stretch of raw data summed per UTC hour and per source or destination, in one read. The rollup
 * job and the raw query path both use it, so a bucket read raw and the same bucket read from its
 * rollup agree.
 */
public final class RawAggregates {

  private final Store store;

  public RawAggregates(Store store) {
    this.store = store;
  }

  /** Events received in {@code [from, to)}: hour start, then source id, then cell. */
  public Map<Instant, Map<String, Cell>> sources(Scope scope, Instant from, Instant to) {
    Map<Instant, Map<String, Cell>> cells = new HashMap<>();
    store
        .metrics()
        .countEventsByHour(scope, from, to)
        .forEach(
            (hour, counts) -> {
              Map<String, Cell> byId = cells.computeIfAbsent(hour, h -> new HashMap<>());
              counts.forEach((id, n) -> byId.put(id, Cell.ofEvents(n)));
            });
    return cells;
  }

  /**
   * Attempts made in {@code [from, to)}, streamed into their sketches: hour start, then destination
   * id, then cell.
   */
  public Map<Instant, Map<String, Cell>> destinations(Scope scope, Instant from, Instant to) {
    Map<Instant, Map<String, Cell>> cells = new HashMap<>();
    store
        .metrics()
        .forEachAttempt(
            scope,
            from,
            to,
            a -> {
              if (ChannelDestinations.isChannel(a.destinationId())) {
                return; // a notification to an alert channel, not a delivery
              }
              cells
                  .computeIfAbsent(
                      Buckets.floor(a.attemptedAt(), Buckets.HOUR), h -> new HashMap<>())
                  .computeIfAbsent(a.destinationId(), k -> new Cell())
                  .add(a);
            });
    return cells;
  }
}
