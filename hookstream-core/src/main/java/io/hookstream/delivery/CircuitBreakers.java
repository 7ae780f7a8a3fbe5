package io.hookstream.delivery;

import io.hookstream.delivery.internal.CircuitLogic;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Reads and resets destinations' circuit breakers ({@code GET /v1/destinations/:id/circuit}, {@code
 * POST .../circuit/reset}), and shows this engine's adaptive concurrency limit of each. The state
 * lives in the store, so every node sharing it sees the same circuit; a reset lets the schedulers
 * resume the destination's queued tasks at their next poll, in sequence order.
 *
 * <p>Thread-safe. An unknown destination throws {@link HookstreamException} NOT_FOUND.
 */
public final class CircuitBreakers {

  private final Store store;
  private final Clock clock;
  private final CircuitLogic logic;
  private final ToIntFunction<DestinationRecord> concurrencyLimits;

  /** Circuits whose view reports each destination's {@code max_in_flight} as its limit. */
  public CircuitBreakers(Store store, Clock clock, CircuitSettings settings) {
    this(store, clock, settings, CircuitBreakers::fixedLimit);
  }

  /**
   * @param concurrencyLimits this engine's current concurrency limit of a destination
   */
  public CircuitBreakers(
      Store store,
      Clock clock,
      CircuitSettings settings,
      ToIntFunction<DestinationRecord> concurrencyLimits) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.logic = new CircuitLogic(store, Objects.requireNonNull(settings, "settings"));
    this.concurrencyLimits = Objects.requireNonNull(concurrencyLimits, "concurrencyLimits");
  }

  /**
   * The destination's circuit (closed with no failures if it never failed) and this engine's
   * concurrency limit for it.
   */
  public CircuitState state(Scope scope, String destinationId) {
    DestinationRecord d = requireDestination(scope, destinationId);
    return view(logic.current(destinationId, scope, clock.now()), d);
  }

  /** Closes the circuit and resets its failure count. */
  public CircuitState reset(Scope scope, String destinationId) {
    DestinationRecord d = requireDestination(scope, destinationId);
    return view(logic.reset(destinationId, scope, clock.now()), d);
  }

  /**
   * How many destinations' circuits are open or half open, across every organization sharing the
   * store (as stored: an open circuit whose cooldown passed counts until its next probe).
   */
  public long openCount() {
    return store.circuits().countOpen();
  }

  public CircuitSettings settings() {
    return logic.settings();
  }

  CircuitLogic logic() {
    return logic;
  }

  private DestinationRecord requireDestination(Scope scope, String destinationId) {
    return store
        .destinations()
        .find(scope, destinationId)
        .orElseThrow(() -> HookstreamException.notFound("destination", destinationId));
  }

  private static int fixedLimit(DestinationRecord d) {
    Delivery delivery = d.delivery() == null ? Delivery.DEFAULT : d.delivery();
    return delivery.ordered() ? 1 : delivery.maxInFlight();
  }

  private CircuitState view(CircuitRecord c, DestinationRecord d) {
    return new CircuitState(
        c.destinationId(),
        c.state(),
        c.failureCount(),
        c.lastFailureAt(),
        c.openedAt(),
        concurrencyLimits.applyAsInt(d));
  }
}
