package io.hookstream.delivery.internal;

import io.hookstream.delivery.CircuitSettings;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The circuit breaker's transitions, stored through {@link
 * io.hookstream.spi.store.CircuitRepository#compareAndSet} so that nodes sharing a store share one
 * circuit per destination: closed → open after N consecutive retryable failures, open → half_open
 * when one node wins the probe after the cooldown, half_open → closed on success or → open on
 * failure. Thread-safe.
 */
public final class CircuitLogic {

  public static final String CLOSED = "closed";
  public static final String OPEN = "open";
  public static final String HALF_OPEN = "half_open";

  /** How long a circuit seen closed with no failures is trusted without reading it again. */
  public static final Duration QUIET_VIEW_TTL = Duration.ofSeconds(1);

  private final Store store;
  private final CircuitSettings settings;

  /** Destinations whose circuit was last seen closed with no failures, and when. */
  private final Map<String, Instant> quiet = new ConcurrentHashMap<>();

  public CircuitLogic(Store store, CircuitSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  public CircuitSettings settings() {
    return settings;
  }

  /** The stored circuit, or a closed one (version 0) if none is stored. */
  public CircuitRecord current(String destinationId, Scope scope, Instant now) {
    CircuitRecord c =
        store
            .circuits()
            .find(destinationId)
            .orElseGet(() -> CircuitRecord.closed(destinationId, scope, now));
    if (CLOSED.equals(c.state()) && c.failureCount() == 0) {
      quiet.put(destinationId, now);
    } else {
      quiet.remove(destinationId);
    }
    return c;
  }

  /**
   * The circuit as the claimer needs it: a closed one without reading the store when it was seen
   * closed with no failures less than {@link #QUIET_VIEW_TTL} ago, else {@link #current}.
   */
  public CircuitRecord view(String destinationId, Scope scope, Instant now) {
    return quietAt(destinationId, now)
        ? CircuitRecord.closed(destinationId, scope, now)
        : current(destinationId, scope, now);
  }

  private boolean quietAt(String destinationId, Instant now) {
    Instant seen = quiet.get(destinationId);
    return seen != null && !now.isBefore(seen) && now.isBefore(seen.plus(QUIET_VIEW_TTL));
  }

  /** Whether an open circuit's cooldown has passed at {@code now}. */
  public boolean cooledDown(CircuitRecord c, Instant now) {
    return c.openedAt() == null || !now.isBefore(c.openedAt().plus(settings.cooldown()));
  }

  /**
   * Records a retryable failure; returns true if this failure opened a closed circuit (a failed
   * half-open probe re-opens it and returns false).
   */
  public boolean onFailure(String destinationId, Scope scope, Instant now) {
    boolean[] opened = {false};
    update(
        destinationId,
        scope,
        now,
        c -> {
          int count = c.failureCount() + 1;
          boolean open =
              switch (c.state()) {
                case CLOSED -> count >= settings.failureThreshold();
                default -> true;
              };
          opened[0] = open && CLOSED.equals(c.state());
          Instant openedAt = open && !OPEN.equals(c.state()) ? now : c.openedAt();
          return with(c, open ? OPEN : CLOSED, count, now, openedAt, now);
        });
    quiet.remove(destinationId);
    return opened[0];
  }

  /** Records a success: the circuit closes and its failure count resets. */
  public void onSuccess(String destinationId, Scope scope, Instant now) {
    if (quietAt(destinationId, now)) {
      return;
    }
    CircuitRecord c = current(destinationId, scope, now);
    if (CLOSED.equals(c.state()) && c.failureCount() == 0) {
      return;
    }
    update(destinationId, scope, now, old -> with(old, CLOSED, 0, old.lastFailureAt(), null, now));
    quiet.put(destinationId, now);
  }

  /** Closes the circuit and resets its failure count (manual reset). */
  public CircuitRecord reset(String destinationId, Scope scope, Instant now) {
    CircuitRecord closed =
        update(
            destinationId, scope, now, old -> with(old, CLOSED, 0, old.lastFailureAt(), null, now));
    quiet.put(destinationId, now);
    return closed;
  }

  /**
   * Moves {@code seen} (open and cooled down, or a stale half-open) to half_open if nobody changed
   * it since; true if this caller won the probe.
   */
  public boolean beginProbe(CircuitRecord seen, Instant now) {
    CircuitRecord probing =
        with(seen, HALF_OPEN, seen.failureCount(), seen.lastFailureAt(), seen.openedAt(), now);
    quiet.remove(seen.destinationId());
    return store.circuits().compareAndSet(probing, seen.version());
  }

  private CircuitRecord update(
      String destinationId, Scope scope, Instant now, UnaryOperator<CircuitRecord> change) {
    while (true) {
      CircuitRecord old = current(destinationId, scope, now);
      CircuitRecord next = change.apply(old);
      if (store.circuits().compareAndSet(next, old.version())) {
        return next;
      }
    }
  }

  private static CircuitRecord with(
      CircuitRecord c,
      String state,
      int failureCount,
      Instant lastFailureAt,
      Instant openedAt,
      Instant now) {
    return new CircuitRecord(
        c.destinationId(),
        c.orgId(),
        c.envId(),
        state,
        failureCount,
        lastFailureAt,
        openedAt,
        c.version() + 1,
        now);
  }
}
