package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.Scope;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Run on PostgreSQL" code of README.md and docs/storage.md, run for real. */
class RunOnPostgresExampleTest {

  @TempDir Path dataDirectory;

  @Test
  void theReadmeSnippetStartsAnEngineThatStoresEventsInPostgres() throws Exception {
    try (RestartablePostgres pg = new RestartablePostgres(dataDirectory)) {
      String url = pg.jdbcUrl();
      String user = "postgres";
      String password = "";
      // --- begin README snippet (only the URL, user and password differ) ---
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(url);
      pool.setUsername(user);
      pool.setPassword(password);
      pool.setMaximumPoolSize(20);
      HikariDataSource dataSource = new HikariDataSource(pool);

      JdbcStores stores = JdbcStores.builder(dataSource).build(); // creates or upgrades the schema
      PostgresChannelBus bus = PostgresChannelBus.create(dataSource, stores.keyValueStore());
      Hookstream hookstream =
          Hookstream.builder()
              .store(stores.store())
              .keyValueStore(stores.keyValueStore())
              .blobStore(stores.blobStore())
              .channelBus(bus) // live streams across instances
              .provider(HttpDestinationProvider.builder().build())
              .nodeId("node-1") // unique per instance, stable across its restarts
              .build()
              .start();
      // --- end README snippet ---
      try {
        var org = hookstream.organizations().create("acme");
        Scope scope = hookstream.organizations().createEnvironment(org.id(), "prod").scope();
        String source =
            hookstream.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
        String id = hookstream.ingest(source, IngestRequest.json("{\"ok\":true}")).eventId();
        assertThat(stores.store().events().find(scope, id)).isPresent();
      } finally {
        hookstream.close();
        bus.close();
        dataSource.close();
      }
    }
  }
}
