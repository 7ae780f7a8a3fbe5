package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest 200 holds across crashes: the server runs as a child JVM, takes webhooks over HTTP one
 * after another, and is killed ({@code destroyForcibly()}) after a random number of them, {@value
 * #KILLS} times on the same store. A last, clean start must then find every acknowledged event and
 * deliver each to the receiver at least once.
 */
class StandaloneCrashTest {

  private static final int KILLS = 5;
  private static final String KEY = "hs_test_" + "cd".repeat(32);

  /**
   * How long the last start may take to deliver everything. It runs under the killed servers' node
   * id and takes their leases back at once, so this is far below the 60 s lease.
   */
  static final Duration FINAL_DELIVERY_WAIT = Duration.ofSeconds(20);

  private final ServerApi api = new ServerApi(KEY);

  @TempDir Path data;

  @Test
  void h2FilesKeepEveryAcknowledgedEventAcrossKills() throws Exception {
    killRepeatedly(List.of("--data", data.toString()));
  }

  @Test
  void postgresqlKeepsEveryAcknowledgedEventAcrossKills() throws Exception {
    // zonky turns synchronous_commit off by default; a real server has it on.
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
      // No data directory keeps a node id here, so every start names the same one.
      killRepeatedly(
          List.of(
              "--jdbc-url",
              "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres",
              "--node-id",
              "crash-test-node"));
    }
  }

  private void killRepeatedly(List<String> storeOptions) throws Exception {
    List<String> options =
        Stream.concat(
                Stream.of("--port", "0", "--host", "127.0.0.1", "--allow-private-networks"),
                storeOptions.stream())
            .toList();
    long seed = Long.getLong("hookstream.crash.seed", System.nanoTime()); // to replay a run
    System.out.println("StandaloneCrashTest seed " + seed + " on " + storeOptions);
    Random random = new Random(seed);
    List<String> acknowledged = new ArrayList<>();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // A little slow, so that deliveries are in flight when the server dies.
      receiver.respondWith(ScriptedResponse.ok().withDelay(Duration.ofMillis(20)));
      String sourceId = null;
      for (int kill = 1; kill <= KILLS; kill++) {
        try (ServerProcess server = ServerProcess.start(KEY, options)) {
          if (sourceId == null) {
            sourceId = api.routeNewSource(server.url(), receiver.url("orders"));
          }
          int target = 20 + random.nextInt(150);
          acknowledged.addAll(ingestUntilKilled(server, sourceId, target));
        }
      }
      try (ServerProcess server = ServerProcess.start(KEY, options)) {
        List<String> missing = new ArrayList<>();
        for (String id : acknowledged) {
          if (api.eventStatus(server.url(), id) != 200) {
            missing.add(id);
          }
        }
        assertThat(missing)
            .as(
                "of %d acknowledged events, not found after %d kills (seed %d)",
                acknowledged.size(), KILLS, seed)
            .isEmpty();
        Set<String> expected = new HashSet<>(acknowledged);
        awaitCondition(
            "every acknowledged event delivered (seed " + seed + ")",
            FINAL_DELIVERY_WAIT,
            () -> delivered(receiver).containsAll(expected));
      }
    }
  }

  /**
   * Sends webhooks one after another from a second thread; kills the server as soon as {@code
   * target} were acknowledged, wherever the next one is; returns the acknowledged ids.
   */
  private List<String> ingestUntilKilled(ServerProcess server, String sourceId, int target)
      throws Exception {
    URI url = server.url();
    List<String> acked = new CopyOnWriteArrayList<>();
    Thread sender =
        new Thread(
            () -> {
              for (int n = 0; ; n++) {
                Optional<String> id =
                    api.ingest(url, sourceId, "{\"type\":\"order.created\",\"n\":" + n + "}");
                if (id.isEmpty()) {
                  return; // the server is gone
                }
                acked.add(id.get());
              }
            },
            "ingest");
    sender.start();
    awaitCondition(
        target + " webhooks acknowledged",
        Duration.ofSeconds(60),
        () -> acked.size() >= target || !sender.isAlive());
    server.kill();
    sender.join(Duration.ofSeconds(30).toMillis());
    assertThat(sender.isAlive()).as("ingest stopped after the kill").isFalse();
    assertThat(acked.size())
        .as("acknowledged before the kill:\n" + server.output())
        .isGreaterThanOrEqualTo(target);
    return acked;
  }

  private static Set<String> delivered(WebhookReceiver receiver) {
    return receiver.requests().stream()
        .map(r -> r.header("X-hookstream-Event-Id"))
        .collect(Collectors.toSet());
  }

  /** Polls {@code condition} until it holds; fails after {@code limit}. */
  static void awaitCondition(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}
