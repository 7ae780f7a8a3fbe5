package io.hookstream.store.jdbc.replay;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.replay.ReplayJob;
import io.hookstream.replay.ReplaySpec;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An engine on a JDBC database that the test drives by hand (not started): the clock moves, then
 * {@link #tick()} runs the due jobs (replay steps among them) and the due deliveries, as a started
 * engine would in that second. Plus the tenant a replay test needs.
 */
record ReplayNode(Hookstream hs) implements AutoCloseable {

  static final String REPLAY_HEADER = "X-hookstream-Replay-Id";
  static final String EVENT_HEADER = "X-hookstream-Event-Id";

  static ReplayNode on(DataSource dataSource, ManualClock clock, String nodeId) {
    JdbcStores stores = JdbcStores.builder(dataSource).clock(clock).build();
    return new ReplayNode(
        Hookstream.builder()
            .store(stores.store())
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore())
            .clock(clock)
            .provider(
                HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build())
            .nodeId(nodeId)
            .build());
  }

  /** What a second of a started engine does: due jobs, then due deliveries. */
  void tick(ManualClock clock) {
    clock.advance(java.time.Duration.ofSeconds(1));
    hs.runDueJobs();
    hs.runDueDeliveries();
  }

  /** Starts a replay of {@code tenant}'s events since {@code from} to its target destination. */
  ReplayJob replay(Tenant tenant, Instant from, ManualClock clock, int rateLimit) {
    return hs.replays()
        .replay(
            tenant.scope(),
            ReplaySpec.builder()
                .destinationId(tenant.targetId())
                .from(from)
                .to(clock.now())
                .rateLimit(rateLimit)
                .build());
  }

  ReplayJob job(Scope scope, String id) {
    return hs.replays().get(scope, id);
  }

  @Override
  public void close() {
    hs.close();
  }

  /** A tenant: a source connected to {@code live}, and a second destination for replays. */
  record Tenant(Scope scope, String sourceId, String liveId, String targetId) {

    static Tenant create(Hookstream hs, WebhookReceiver live, WebhookReceiver target) {
      var org = hs.organizations().create("replay");
      Scope scope = hs.organizations().createEnvironment(org.id(), "test").scope();
      String source = hs.sources().create(scope, SourceSpec.builder().name("in").build()).id();
      String liveId = destination(hs, scope, "live", live.url("/live"));
      String targetId = destination(hs, scope, "target", target.url("/target"));
      hs.connections()
          .create(scope, ConnectionSpec.builder().sourceId(source).destinationId(liveId).build());
      return new Tenant(scope, source, liveId, targetId);
    }

    List<String> ingest(Hookstream hs, int n) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add(hs.ingest(sourceId, IngestRequest.json("{\"n\":" + i + "}")).eventId());
      }
      return ids;
    }

    private static String destination(Hookstream hs, Scope scope, String name, String url) {
      return hs.destinations()
          .create(scope, DestinationSpec.builder().name(name).url(url).retryMaxAttempts(1).build())
          .id();
    }
  }

  /** How many requests {@code receiver} got per event id. */
  static Map<String, Integer> perEvent(WebhookReceiver receiver) {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : receiver.requests()) {
      counts.merge(r.header(EVENT_HEADER), 1, Integer::sum);
    }
    return counts;
  }
}
