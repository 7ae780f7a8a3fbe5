package io.hookstream.examples.standalone;

import static io.hookstream.examples.standalone.StandaloneCrashTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reproduction, as a user runs it: the server (a child JVM, on the default H2 files or
 * on PostgreSQL through {@code --jdbc-url}, its node id kept in the data directory) is killed with
 * {@code kill -9} while its deliveries fill the destination's max in flight (10), and started again
 * on the same data. It takes back the dead run's leases and resumes delivery within 2 s of
 * listening again (everything is delivered within 10 s), not after the 60 s lease.
 */
class RestartResumesDeliveryTest {

  private static final Logger log = LoggerFactory.getLogger(RestartResumesDeliveryTest.class);
  private static final String KEY = "hs_test_" + "cd".repeat(32);
  private static final int EVENTS = 30;
  private static final int MAX_IN_FLIGHT = 10;

  private final ServerApi api = new ServerApi(KEY);

  @TempDir Path data;

  @Test
  void onPostgresqlAServerKilledMidDeliveryResumesWithinTwoSecondsOfItsRestart() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      killMidDeliveryAndRestart(
          List.of(
              "--jdbc-url",
              "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres"));
    }
  }

  @Test
  void onTheDefaultH2FilesAServerKilledMidDeliveryResumesWithinTwoSecondsOfItsRestart()
      throws Exception {
    killMidDeliveryAndRestart(List.of());
  }

  private void killMidDeliveryAndRestart(List<String> storeOptions) throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "--port",
                  "0",
                  "--host",
                  "127.0.0.1",
                  "--allow-private-networks",
                  "--data",
                  data.toString()));
      options.addAll(storeOptions);
      for (int i = 0; i < MAX_IN_FLIGHT; i++) { // the first run's deliveries hang until it dies
        receiver.enqueue(ScriptedResponse.ok().withDelay(Duration.ofMinutes(5)));
      }
      List<String> accepted = new ArrayList<>();
      String firstNode;
      try (ServerProcess first = ServerProcess.start(KEY, options)) {
        firstNode = first.nodeId();
        String source =
            api.routeNewSource(
                first.url(), receiver.url("/hooks"), ",\"max_in_flight\":" + MAX_IN_FLIGHT);
        for (int i = 0; i < EVENTS; i++) {
          accepted.add(api.ingest(first.url(), source, "{\"n\":" + i + "}").orElseThrow());
        }
        receiver.awaitRequests(MAX_IN_FLIGHT, Duration.ofSeconds(30));
        first.kill();
      }

      try (ServerProcess second = ServerProcess.start(KEY, options)) {
        long listening = System.nanoTime();
        awaitCondition(
            "a delivery by the restarted server",
            Duration.ofSeconds(2),
            () -> receiver.requests().size() > MAX_IN_FLIGHT);
        long resumed = System.nanoTime();
        awaitCondition(
            "every event delivered",
            Duration.ofSeconds(10),
            () -> perEvent(receiver).keySet().containsAll(accepted));
        log.info(
            "restart: delivery resumed {} ms and every event was delivered {} ms after the"
                + " restarted server listened",
            (resumed - listening) / 1_000_000,
            (System.nanoTime() - listening) / 1_000_000);
        assertThat(second.nodeId()).isEqualTo(firstNode);
        assertThat(perEvent(receiver).values().stream().mapToInt(n -> n - 1).sum())
            .as("only the deliveries in flight at the kill are repeated")
            .isLessThanOrEqualTo(MAX_IN_FLIGHT);
      }
    }
  }

  private static Map<String, Integer> perEvent(WebhookReceiver receiver) {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : receiver.requests()) {
      counts.merge(r.header("X-hookstream-Event-Id"), 1, Integer::sum);
    }
    return counts;
  }
}
