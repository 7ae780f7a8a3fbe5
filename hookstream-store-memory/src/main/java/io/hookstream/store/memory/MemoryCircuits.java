package io.hookstream.store.memory;

import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.CircuitRepository;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Circuit state per destination; compare-and-set through {@link ConcurrentHashMap#compute}. */
final class MemoryCircuits implements CircuitRepository {

  private static final String CLOSED = "closed";

  private final ConcurrentHashMap<String, CircuitRecord> circuits = new ConcurrentHashMap<>();

  @Override
  public Optional<CircuitRecord> find(String destinationId) {
    return Optional.ofNullable(destinationId == null ? null : circuits.get(destinationId));
  }

  @Override
  public boolean compareAndSet(CircuitRecord circuit, long expectedVersion) {
    Objects.requireNonNull(circuit, "circuit");
    boolean[] stored = {false};
    circuits.compute(
        circuit.destinationId(),
        (id, old) -> {
          boolean expected = old == null ? expectedVersion == 0 : old.version() == expectedVersion;
          stored[0] = expected;
          return expected ? circuit : old;
        });
    return stored[0];
  }

  @Override
  public long countOpen() {
    return circuits.values().stream().filter(c -> !CLOSED.equals(c.state())).count();
  }
}
