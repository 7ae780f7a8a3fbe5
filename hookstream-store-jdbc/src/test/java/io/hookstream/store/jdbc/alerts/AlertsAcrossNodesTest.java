package io.hookstream.store.jdbc.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.alert.AlertRule;
import io.hookstream.alert.AlertRuleSpec;
import io.hookstream.alert.NotificationChannel;
import io.hookstream.alert.NotificationChannelSpec;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one PostgreSQL database evaluate the same alert rule at the same instants, window
 * after window: the rule notifies its channel once, and its history has one entry.
 */
class AlertsAcrossNodesTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:01:00Z"));

  @Test
  void twoNodesEvaluatingOneRuleSendOneNotification() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (WebhookReceiver backend = WebhookReceiver.start(clock);
        WebhookReceiver alerts = WebhookReceiver.start(clock);
        Hookstream a = node(TestDatabases.postgres(database, "alerts-a"), "a");
        Hookstream b = node(TestDatabases.postgres(database, "alerts-b"), "b")) {
      backend.respondWith(ScriptedResponse.status(400)); // every event is dead-lettered at once
      var org = a.organizations().create("alerts");
      Scope scope = a.organizations().createEnvironment(org.id(), "test").scope();
      String source = a.sources().create(scope, SourceSpec.builder().name("in").build()).id();
      String destination =
          a.destinations()
              .create(
                  scope, DestinationSpec.builder().name("backend").url(backend.url("/h")).build())
              .id();
      a.connections()
          .create(
              scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
      NotificationChannel channel =
          a.notificationChannels()
              .create(
                  scope,
                  NotificationChannelSpec.builder()
                      .name("ops")
                      .type("webhook")
                      .config(Map.of("url", alerts.url("/alerts")))
                      .build());
      AlertRule rule =
          b.alertRules()
              .create(
                  scope,
                  AlertRuleSpec.builder()
                      .name("Dead letters")
                      .ruleType("dlq")
                      .ruleConfig(Map.of("threshold", 1))
                      .channelIds(List.of(channel.id()))
                      .cooldownMinutes(0)
                      .build());

      CyclicBarrier together = new CyclicBarrier(2);
      for (int window = 0; window < 6; window++) {
        a.ingest(source, IngestRequest.json("{\"window\":" + window + "}"));
        a.runDueDeliveries();
        backend.awaitRequests(window + 1, Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(5));
        List<Future<?>> both =
            List.of(
                threads.submit(() -> step(a, together)), threads.submit(() -> step(b, together)));
        for (Future<?> f : both) {
          f.get(60, TimeUnit.SECONDS);
        }
        a.runDueDeliveries();
      }

      // A cooldown of 0: each window's dead letter notifies, once, whichever node evaluated it.
      assertThat(alerts.awaitRequests(6, Duration.ofSeconds(10))).hasSize(6);
      assertThat(a.alertRules().history(scope, rule.id())).hasSize(6);
      a.runDueDeliveries();
      b.runDueDeliveries();
      assertThat(alerts.requests()).hasSize(6);
    } finally {
      threads.shutdownNow();
    }
  }

  private Hookstream node(DataSource dataSource, String id) {
    JdbcStores stores = JdbcStores.builder(dataSource).clock(clock).build();
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore())
        .clock(clock)
        .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build())
        .allowPrivateNotificationTargets(true)
        .nodeId(id)
        .build();
  }

  /** Both nodes run their due jobs at the same instant, then deliver. */
  private static Void step(Hookstream node, CyclicBarrier together) throws Exception {
    together.await(30, TimeUnit.SECONDS);
    node.runDueJobs();
    together.await(30, TimeUnit.SECONDS);
    node.runDueDeliveries();
    return null;
  }
}
