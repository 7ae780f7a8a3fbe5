package io.hookstream.delivery;

import io.hookstream.delivery.internal.CircuitLogic;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Objects;

/**
 * Reads and resets destinations' circuit breakers ({@code GET /v1/destinations/:id/circuit}, {@code
 * POST .../circuit/reset}). The state lives in the store, so every node sharing it sees the same
 * circuit; a reset lets the schedulers resume the destination's queued tasks at their next poll, in
 * sequence order.
 *
 * <p>Thread-safe. An unknown destination throws {@link HookstreamException} NOT_FOUND.
 */
public final class CircuitBreakers {

  private final Store store;
  private final Clock clock;
  private final CircuitLogic logic;

  public CircuitBreakers(Store store, Clock clock, CircuitSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.logic = new CircuitLogic(store, Objects.requireNonNull(settings, "settings"));
  }

  /** The destination's circuit; closed with no failures if it never failed. */
  public CircuitState state(Scope scope, String destinationId) {
    requireDestination(scope, destinationId);
    return view(logic.current(destinationId, scope, clock.now()));
  }

  /** Closes the circuit and resets its failure count. */
  public CircuitState reset(Scope scope, String destinationId) {
    requireDestination(scope, destinationId);
    return view(logic.reset(destinationId, scope, clock.now()));
  }

  public CircuitSettings settings() {
    return logic.settings();
  }

  CircuitLogic logic() {
    return logic;
  }

  private void requireDestination(Scope scope, String destinationId) {
    store
        .destinations()
        .find(scope, destinationId)
        .orElseThrow(() -> HookstreamException.notFound("destination", destinationId));
  }

  private static CircuitState view(CircuitRecord c) {
    return new CircuitState(
        c.destinationId(), c.state(), c.failureCount(), c.lastFailureAt(), c.openedAt());
  }
}
