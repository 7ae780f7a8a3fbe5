package io.hookstream.store.jdbc;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Scope;
import io.hookstream.tck.WebhookReceiver;
import javax.sql.DataSource;

/**
 * An engine (not started: tests run deliveries themselves) on {@code dataSource} with one source
 * connected to one HTTP destination, {@code receiver}.
 */
record OneRouteEngine(Hookstream hs, Scope scope, String sourceId) implements AutoCloseable {

  static OneRouteEngine create(DataSource dataSource, Clock clock, WebhookReceiver receiver) {
    return create(dataSource, clock, receiver.url("/hooks"));
  }

  /** The same, delivering to {@code url}. */
  static OneRouteEngine create(DataSource dataSource, Clock clock, String url) {
    Hookstream hs = engine(dataSource, clock);
    var org = hs.organizations().create("one-route");
    Scope scope = hs.organizations().createEnvironment(org.id(), "test").scope();
    String source = hs.sources().create(scope, SourceSpec.builder().name("in").build()).id();
    String destination =
        hs.destinations()
            .create(scope, DestinationSpec.builder().name("receiver").url(url).build())
            .id();
    hs.connections()
        .create(
            scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    return new OneRouteEngine(hs, scope, source);
  }

  /** An engine on {@code dataSource} with the HTTP provider, allowed to reach loopback. */
  static Hookstream engine(DataSource dataSource, Clock clock) {
    JdbcStores stores = JdbcStores.builder(dataSource).clock(clock).build();
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore())
        .clock(clock)
        .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build())
        .build();
  }

  @Override
  public void close() {
    hs.close();
  }
}
