package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.DestinationRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Circuit-breaker state: compare-and-set, one winner per race. */
abstract class CircuitContract extends RepositoryContract {

  CircuitContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void circuitCompareAndSet() {
    DestinationRecord d = fx.destination(scope, "cb", clock.now());
    store.destinations().insert(d);
    assertThat(store.circuits().find(d.id())).isEmpty();
    CircuitRecord closed = circuit(d.id(), "closed", 0, 1);
    assertThat(store.circuits().compareAndSet(closed, 0)).isTrue();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "open", 5, 1), 0)).isFalse();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "open", 5, 2), 1)).isTrue();
    assertThat(store.circuits().compareAndSet(circuit(d.id(), "closed", 0, 2), 1)).isFalse();
    assertThat(store.circuits().find(d.id()).orElseThrow())
        .satisfies(c -> assertThat(c.state()).isEqualTo("open"))
        .satisfies(c -> assertThat(c.failureCount()).isEqualTo(5))
        .satisfies(c -> assertThat(c.version()).isEqualTo(2));
  }

  @Test
  void circuitCompareAndSetRaceHasExactlyOneWinner() throws Exception {
    DestinationRecord d = fx.destination(scope, "race", clock.now());
    store.destinations().insert(d);
    int threads = 16;
    for (long expected = 0; expected < 3; expected++) {
      long from = expected;
      List<Boolean> won =
          Concurrently.run(
              threads,
              i ->
                  () -> store.circuits().compareAndSet(circuit(d.id(), "open", i, from + 1), from));
      assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
      int winner = won.indexOf(true);
      assertThat(store.circuits().find(d.id()).orElseThrow().failureCount()).isEqualTo(winner);
    }
  }

  @Test
  void countOpenCountsCircuitsThatAreNotClosed() {
    DestinationRecord a = storedDestination(scope, "count-a");
    DestinationRecord b = storedDestination(other, "count-b");
    long before = store.circuits().countOpen();
    store.circuits().compareAndSet(circuit(a.id(), "open", 5, 1), 0);
    store.circuits().compareAndSet(circuit(b.id(), "closed", 0, 1), 0);
    assertThat(store.circuits().countOpen()).isEqualTo(before + 1);
    store.circuits().compareAndSet(circuit(b.id(), "half_open", 5, 2), 1);
    assertThat(store.circuits().countOpen()).isEqualTo(before + 2);
    store.circuits().compareAndSet(circuit(a.id(), "closed", 0, 2), 1);
    store.circuits().compareAndSet(circuit(b.id(), "closed", 0, 3), 2);
    assertThat(store.circuits().countOpen()).isEqualTo(before);
  }

  private CircuitRecord circuit(String destinationId, String state, int failures, long version) {
    return new CircuitRecord(
        destinationId,
        scope.orgId(),
        scope.envId(),
        state,
        failures,
        failures > 0 ? clock.now() : null,
        "open".equals(state) ? clock.now() : null,
        version,
        clock.now());
  }
}
