package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DestinationRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Destinations: the versioned-resource checks and the lookup by id across tenants. */
abstract class DestinationContract extends VersionedResourceContract {

  DestinationContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void destinationsInsertFindUpdateDelete() {
    assertCrud(destinations());
  }

  @Test
  void destinationsAreIsolatedByScope() {
    assertIsolated(destinations());
  }

  @Test
  void destinationsPageNewestFirst() {
    assertPaging(destinations());
  }

  @Test
  void destinationVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(destinations());
  }

  @Test
  void destinationSlugsAreUniqueAmongLiveDestinations() {
    assertSlugUnique(destinations());
  }

  @Test
  void deletedDestinationsStayReadableByIdAcrossTenants() {
    DestinationRecord d = fx.destination(scope, "gone", clock.now());
    store.destinations().insert(d);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.destinations().delete(scope, d.id(), clock.now())).isTrue();

    assertThat(store.destinations().findById(d.id()))
        .hasValueSatisfying(x -> assertThat(x.deletedAt()).isEqualTo(clock.now()));
    assertThat(store.destinations().findById(ids.next("dst"))).isEmpty();
  }
}
