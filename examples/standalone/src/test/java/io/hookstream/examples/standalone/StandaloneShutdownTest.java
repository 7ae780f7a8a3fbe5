package io.hookstream.examples.standalone;

import static io.hookstream.examples.standalone.StandaloneCrashTest.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while deliveries are in flight: the server stops taking webhooks, lets the running
 * deliveries finish and gives back the rest before it closes the H2 database, so the database is
 * never closed under the scheduler, and a restart delivers what was left, each event once.
 */
class StandaloneShutdownTest {

  private static final String KEY = "hs_test_" + "ef".repeat(32);
  private static final int EVENTS = 200;

  /** Jetty's stop, the routing drain and the delivery grace (10 s each at most), with room. */
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(45);

  @TempDir Path data;

  @Test
  void sigtermSettlesInFlightDeliveriesBeforeClosingTheDatabase() throws Exception {
    List<String> options =
        List.of(
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--data",
            data.toString(),
            "--allow-private-networks");
    ServerApi api = new ServerApi(KEY);
    List<String> acknowledged = new ArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // Slow enough that a SIGTERM finds deliveries running, fast enough to settle in the grace.
      receiver.respondWith(ScriptedResponse.ok().withDelay(Duration.ofMillis(500)));
      String output;
      try (ServerProcess server = ServerProcess.start(KEY, options)) {
        String source = api.routeNewSource(server.url(), receiver.url("orders"));
        for (int n = 0; n < EVENTS; n++) {
          acknowledged.add(api.ingest(server.url(), source, "{\"n\":" + n + "}").orElseThrow());
        }
        awaitCondition(
            "deliveries in flight", Duration.ofSeconds(30), () -> !receiver.requests().isEmpty());
        int exit = server.terminate(EXIT_LIMIT);
        output = server.output();
        assertThat(exit).as(output).isEqualTo(143); // 128 + SIGTERM: the JVM's normal answer
      }
      assertThat(output)
          .contains("hookstream stopped")
          .doesNotContain("already closed")
          .doesNotContain("Exception");
      Path trace = data.resolve("hookstream.trace.db");
      if (Files.exists(trace)) {
        assertThat(Files.readString(trace)).doesNotContain("already closed");
      }
      int beforeRestart = receiver.requests().size();
      assertThat(beforeRestart).as("delivered before the restart\n" + output).isLessThan(EVENTS);

      try (ServerProcess server = ServerProcess.start(KEY, options)) {
        awaitCondition(
            "the rest delivered after the restart",
            Duration.ofSeconds(60),
            () -> deliveriesPerEvent(receiver).keySet().containsAll(acknowledged));
        assertThat(deliveriesPerEvent(receiver))
            .as("deliveries per event")
            .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        for (String id : acknowledged) {
          assertThat(api.eventStatus(server.url(), id)).as(id).isEqualTo(200);
        }
        server.terminate(EXIT_LIMIT);
      }
    }
  }

  private static Map<String, Long> deliveriesPerEvent(WebhookReceiver receiver) {
    return receiver.requests().stream()
        .collect(
            Collectors.groupingBy(r -> r.header("X-hookstream-Event-Id"), Collectors.counting()));
  }
}
