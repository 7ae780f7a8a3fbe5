package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.SourceRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sources: the versioned-resource checks, the ingest lookup across tenants, event counts. */
abstract class SourceContract extends VersionedResourceContract {

  SourceContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void sourcesInsertFindUpdateDelete() {
    assertCrud(sources());
  }

  @Test
  void sourcesAreIsolatedByScope() {
    assertIsolated(sources());
    SourceRecord s = fx.source(scope, "iso", clock.now());
    store.sources().insert(s);
    assertThat(store.sources().findForIngest(s.id())).isPresent();
    assertThat(store.sources().countEvents(other, s.id())).isZero();
  }

  @Test
  void sourcesPageNewestFirst() {
    assertPaging(sources());
  }

  @Test
  void sourceVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(sources());
  }

  @Test
  void sourceSlugsAreUniqueAmongLiveSources() {
    assertSlugUnique(sources());
  }

  @Test
  void deletedSourcesStayReadableForIngestAcrossTenants() {
    SourceRecord s = fx.source(scope, "gone", clock.now());
    store.sources().insert(s);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.sources().delete(scope, s.id(), clock.now())).isTrue();

    assertThat(store.sources().findForIngest(s.id()))
        .hasValueSatisfying(x -> assertThat(x.deletedAt()).isEqualTo(clock.now()));
    assertThat(store.sources().findForIngest(ids.next("src"))).isEmpty();
  }
}
