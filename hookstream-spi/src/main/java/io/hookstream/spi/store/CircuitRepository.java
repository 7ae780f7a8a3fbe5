package io.hookstream.spi.store;

import java.util.Optional;

/** Circuit breaker state, one row per destination. */
public interface CircuitRepository {

  Optional<CircuitRecord> find(String destinationId);

  /**
   * Stores {@code circuit} if the stored version is {@code expectedVersion} (or, for {@code
   * expectedVersion == 0}, if none is stored).
   *
   * @return false if another node changed it first
   */
  boolean compareAndSet(CircuitRecord circuit, long expectedVersion);

  /** Across all tenants: how many circuits are not closed ({@code open} or {@code half_open}). */
  long countOpen();
}
