package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reproduction, as a user runs it: the server (a child JVM, on PostgreSQL through
 * {@code --jdbc-url}, its node id kept in the data directory) is killed with {@code kill -9}
 * while its deliveries fill the destination's max in flight (10), and started again on the same
 * data. It takes back the dead run's leases and resumes delivery within 2 s of listening again
 * (everything is delivered within 10 s), not after the 60 s lease.
 */
class RestartResumesDeliveryTest {

  private static final Logger log = LoggerFactory.getLogger(RestartResumesDeliveryTest.class);
  private static final String KEY = "hs_test_" + "cd".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 30;
  private static final int MAX_IN_FLIGHT = 10;

  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path data;

  @Test
  void aServerKilledMidDeliveryResumesWithinTwoSecondsOfItsRestart() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        WebhookReceiver receiver = WebhookReceiver.start()) {
      String jdbcUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
      for (int i = 0; i < MAX_IN_FLIGHT; i++) { // the first run's deliveries hang until it dies
        receiver.enqueue(ScriptedResponse.ok().withDelay(Duration.ofMinutes(5)));
      }
      List<String> accepted = new ArrayList<>();
      ChildServer first = ChildServer.start(jdbcUrl, data);
      try {
        String source = route(first.url, receiver);
        for (int i = 0; i < EVENTS; i++) {
          accepted.add(call(first.url, "POST", "/v1/ingest/" + source, "{\"n\":" + i + "}")
              .path("event_id").asText());
        }
        receiver.awaitRequests(MAX_IN_FLIGHT, Duration.ofSeconds(30));
      } finally {
        first.kill();
      }

      ChildServer second = ChildServer.start(jdbcUrl, data);
      try {
        long listening = System.nanoTime();
        await("a delivery by the restarted server", Duration.ofSeconds(2),
            () -> receiver.requests().size() > MAX_IN_FLIGHT);
        long resumed = System.nanoTime();
        await("every event delivered", Duration.ofSeconds(10),
            () -> perEvent(receiver).keySet().containsAll(accepted));
        log.info("restart: delivery resumed {} ms and every event was delivered {} ms after the"
            + " restarted server listened ({} ms after its JVM was launched)",
            (resumed - listening) / 1_000_000, (System.nanoTime() - listening) / 1_000_000,
            (listening - second.launchedAt) / 1_000_000);
        assertThat(second.output()).contains("node " + first.nodeId());
        Map<String, Integer> perEvent = perEvent(receiver);
        assertThat(perEvent.values().stream().mapToInt(n -> n - 1).sum())
            .as("only the deliveries in flight at the kill are repeated")
            .isLessThanOrEqualTo(MAX_IN_FLIGHT);
      } finally {
        second.kill();
      }
    }
  }

  /** Creates a source routed to {@code receiver}; returns the source id. */
  private String route(URI server, WebhookReceiver receiver) throws Exception {
    String source = call(server, "POST", "/v1/sources", "{\"name\":\"in\"}").path("id").asText();
    String destination = call(server, "POST", "/v1/destinations", "{\"name\":\"out\",\"url\":\""
        + receiver.url("/hooks") + "\",\"max_in_flight\":" + MAX_IN_FLIGHT + "}").path("id")
        .asText();
    call(server, "POST", "/v1/connections", "{\"source_id\":\"" + source
        + "\",\"destination_id\":\"" + destination + "\"}");
    return source;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private static Map<String, Integer> perEvent(WebhookReceiver receiver) {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : receiver.requests()) {
      counts.merge(r.header("X-hookstream-Event-Id"), 1, Integer::sum);
    }
    return counts;
  }

  private JsonNode call(URI base, String method, String path, String json) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10)).header("X-API-Key", KEY)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  /** The standalone server in a JVM of its own, on this test's class path. */
  private static final class ChildServer {
    final Process process;
    final long launchedAt;
    final URI url;
    /** Everything the server printed so far. */
    private final StringBuffer output;

    private ChildServer(Process process, long launchedAt, URI url, StringBuffer output) {
      this.process = process;
      this.launchedAt = launchedAt;
      this.url = url;
      this.output = output;
    }

    static ChildServer start(String jdbcUrl, Path data) throws Exception {
      long launchedAt = System.nanoTime();
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-cp", System.getProperty("java.class.path"),
          StandaloneServer.class.getName(), "--port", "0", "--host", "127.0.0.1", "--jdbc-url",
          jdbcUrl, "--data", data.toString(), "--allow-private-networks");
      pb.environment().put("HOOKSTREAM_API_KEY", KEY);
      pb.environment().remove("HOOKSTREAM_NODE_ID");
      pb.redirectErrorStream(true);
      Process process = pb.start();
      CompletableFuture<URI> listening = new CompletableFuture<>();
      StringBuffer output = new StringBuffer();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            output.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
              listening.complete(URI.create(line.substring(at + 13).split(" ")[0] + "/"));
            }
          }
        } catch (IOException e) {
          // the process was killed
        }
        listening.completeExceptionally(new AssertionError("server exited:\n" + output));
      }, "child-server-output");
      reader.setDaemon(true);
      reader.start();
      try {
        return new ChildServer(process, launchedAt, listening.get(60, TimeUnit.SECONDS), output);
      } catch (Exception e) {
        process.destroyForcibly();
        throw e;
      }
    }

    String output() {
      return output.toString();
    }

    /** The node id from the startup line. */
    String nodeId() {
      String line = output();
      int at = line.indexOf(", node ");
      return line.substring(at + 7).split(" ")[0];
    }

    /** {@code kill -9}, and waits until the process is gone. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }
  }
}
