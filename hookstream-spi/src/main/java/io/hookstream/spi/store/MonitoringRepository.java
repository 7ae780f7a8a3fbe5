package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The narrow window statistics alert rules and the failure-rate issue read from raw rows. Windows
 * are half-open, {@code [from, to)}, on the attempt's start time or the event's received time. A
 * null {@code sourceId} or {@code destinationId} does not filter. Attempts of notification channels
 * (destination ids starting {@code nc_}) are never counted.
 */
public interface MonitoringRepository {

  /** Attempts of the scope in the window, of one source's events and/or one destination. */
  WindowStats attempts(
      Scope scope, String sourceId, String destinationId, Instant from, Instant to);

  /**
   * The {@code percentile} (0 < p ≤ 100, nearest rank) of the latencies of those attempts, in
   * milliseconds; empty when there were none.
   */
  OptionalLong latencyPercentile(
      Scope scope,
      String sourceId,
      String destinationId,
      Instant from,
      Instant to,
      double percentile);

  /** Events (duplicates excluded) received in the window, of one source when not null. */
  long events(Scope scope, String sourceId, Instant from, Instant to);

  /**
   * Across tenants: each destination with at least {@code minAttempts} attempts in the window, with
   * its counts, at most {@code limit}.
   */
  List<DestinationWindowStats> attemptsByDestination(
      Instant from, Instant to, int minAttempts, int limit);
}
