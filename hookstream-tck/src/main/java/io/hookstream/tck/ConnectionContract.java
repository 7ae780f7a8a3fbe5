package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.tck.StoreFixtures.Route;
import org.junit.jupiter.api.Test;

/** Connections: the versioned-resource checks and the lists by source and destination. */
abstract class ConnectionContract extends VersionedResourceContract {

  ConnectionContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void connectionsInsertFindUpdateDelete() {
    assertCrud(connections());
  }

  @Test
  void connectionsAreIsolatedByScope() {
    assertIsolated(connections());
    Route r = route(scope);
    assertThat(store.connections().listForSource(other, r.sourceId())).isEmpty();
    assertThat(store.connections().list(other, r.sourceId(), null, PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  void connectionsPageNewestFirst() {
    assertPaging(connections());
  }

  @Test
  void connectionVersionedUpdateHasOneWinner() throws Exception {
    assertOneUpdateWins(connections());
  }

  @Test
  void connectionsFilterBySourceAndDestination() {
    Route a = route(scope);
    DestinationRecord d2 = fx.destination(scope, "second", clock.now());
    store.destinations().insert(d2);
    ConnectionRecord c2 =
        fx.connection(scope, ids.next("conn"), "second", a.sourceId(), d2.id(), 1, clock.now());
    store.connections().insert(c2);
    Route b = route(scope);

    assertThat(store.connections().listForSource(scope, a.sourceId()))
        .extracting(ConnectionRecord::id)
        .containsExactlyInAnyOrder(a.connectionId(), c2.id());
    assertThat(store.connections().list(scope, a.sourceId(), null, PageRequest.first(10)).items())
        .extracting(ConnectionRecord::id)
        .containsExactly(c2.id(), a.connectionId());
    assertThat(store.connections().list(scope, null, d2.id(), PageRequest.first(10)).items())
        .extracting(ConnectionRecord::id)
        .containsExactly(c2.id());
    assertThat(
            store.connections().list(scope, b.sourceId(), d2.id(), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(store.connections().list(scope, null, null, PageRequest.first(10)).items())
        .extracting(ConnectionRecord::id)
        .containsExactly(b.connectionId(), c2.id(), a.connectionId());

    store.connections().delete(scope, c2.id(), clock.now());
    assertThat(store.connections().listForSource(scope, a.sourceId()))
        .extracting(ConnectionRecord::id)
        .containsExactly(a.connectionId());
  }
}
