package io.hookstream.store.jdbc.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import io.hookstream.tools.ScheduledSend;
import io.hookstream.tools.ToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled sends are durable and fire once: scheduled by one engine, they survive its restart on
 * H2 files and on PostgreSQL and go out at their time on the manual clock; two engines on one
 * PostgreSQL database running their jobs at the same instants send each one once. Counted at a real
 * loopback receiver.
 */
class ScheduledSendAcrossNodesTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final WebhookReceiver receiver = WebhookReceiver.start(clock);

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aSendSurvivesARestartOnH2Files(@TempDir Path dir) {
    DataSource files = TestDatabases.h2File(dir);
    survivesARestart(files, files);
  }

  @Test
  void aSendSurvivesARestartOnPostgres() {
    String database = TestDatabases.createPostgresDatabase();
    survivesARestart(
        TestDatabases.postgres(database, "tools-1"), TestDatabases.postgres(database, "tools-2"));
  }

  private void survivesARestart(DataSource before, DataSource after) {
    String id;
    try (Hookstream first = engine(before, "node-1")) {
      id = first.tools().schedule(request("/once"), Duration.ofHours(24)).id();
      clock.advance(Duration.ofHours(12));
      first.runDueJobs();
    }
    assertThat(receiver.requests()).isEmpty();

    try (Hookstream second = engine(after, "node-2")) {
      clock.advance(Duration.ofHours(12).minusSeconds(1));
      second.runDueJobs();
      assertThat(receiver.requests()).as("one second early").isEmpty();
      assertThat(second.tools().requireScheduled(id).status())
          .isEqualTo(ScheduledSend.Status.PENDING);

      clock.advance(Duration.ofSeconds(1));
      second.runDueJobs();
      clock.advance(Duration.ofHours(1));
      second.runDueJobs();

      assertThat(receiver.requests()).extracting(RecordedRequest::path).containsExactly("/once");
      ScheduledSend done = second.tools().requireScheduled(id);
      assertThat(done.status()).isEqualTo(ScheduledSend.Status.COMPLETED);
      assertThat(done.responseStatus()).hasValue(200);
      assertThat(done.completedAt()).contains(Instant.parse("2026-03-02T10:00:00Z"));
    }
  }

  @Test
  void twoEnginesOnOnePostgresSendEachScheduledSendOnce() throws Exception {
    String database = TestDatabases.createPostgresDatabase();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Hookstream a = engine(TestDatabases.postgres(database, "tools-a"), "a");
        Hookstream b = engine(TestDatabases.postgres(database, "tools-b"), "b")) {
      List<String> ids = new ArrayList<>();
      // ten sends due together at each of four times over the day: the engines race for each
      for (int i = 0; i < 40; i++) {
        Hookstream by = i % 2 == 0 ? a : b;
        Duration delay = Duration.ofHours(List.of(1, 8, 16, 24).get(i % 4));
        ids.add(by.tools().schedule(request("/s/" + i), delay).id());
      }

      CyclicBarrier together = new CyclicBarrier(2);
      for (int step = 0; step < 25 * 4; step++) {
        clock.advance(Duration.ofMinutes(15));
        List<Future<?>> both =
            List.of(
                threads.submit(() -> runJobs(a, together)),
                threads.submit(() -> runJobs(b, together)));
        for (Future<?> f : both) {
          f.get(60, TimeUnit.SECONDS);
        }
      }

      Map<String, Long> perPath =
          receiver.requests().stream()
              .collect(Collectors.groupingBy(RecordedRequest::path, Collectors.counting()));
      assertThat(perPath).hasSize(40).allSatisfy((path, count) -> assertThat(count).isEqualTo(1));
      assertThat(ids)
          .extracting(id -> a.tools().requireScheduled(id).status())
          .containsOnly(ScheduledSend.Status.COMPLETED);
    } finally {
      threads.shutdownNow();
    }
  }

  private static Void runJobs(Hookstream node, CyclicBarrier together) throws Exception {
    together.await(30, TimeUnit.SECONDS);
    node.runDueJobs();
    return null;
  }

  private ToolRequest request(String path) {
    return ToolRequest.builder(receiver.url(path)).body("{\"scheduled\":true}").build();
  }

  /** An engine on {@code dataSource} that may send to loopback; started, on the manual clock. */
  private Hookstream engine(DataSource dataSource, String nodeId) {
    JdbcStores stores = JdbcStores.builder(dataSource).clock(clock).build();
    return Hookstream.builder()
        .store(stores.store())
        .keyValueStore(stores.keyValueStore())
        .blobStore(stores.blobStore())
        .clock(clock)
        .nodeId(nodeId)
        .allowPrivateNetworks(true)
        .build()
        .start();
  }
}
