package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookstream.Hookstream;
import io.hookstream.delivery.RunResult;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.tck.WebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What one delivery costs the database, counted with a recording DataSource: an operator sizing a
 * database sees this as round trips per delivered event. A single-route event is claimed with its
 * body in the claim's own statement and settled (task, attempt and the event's status) in one
 * transaction, with no further read; under load, concurrent settles share one transaction.
 */
class DeliveryStatementsTest {

  private static final int EVENTS = 32;

  @Test
  void aSingleRouteDeliveryCostsAtMostFiveStatements() throws Exception {
    RecordingDataSource ds = new RecordingDataSource(TestDatabases.h2Memory());
    ManualClock clock = new ManualClock();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock);
        OneRouteEngine engine = OneRouteEngine.create(ds, clock, receiver)) {
      Hookstream hs = engine.hs();
      Scope scope = engine.scope();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        ids.add(hs.ingest(engine.sourceId(), IngestRequest.json("{\"n\":" + i + "}")).eventId());
      }

      int before = ds.executed().size();
      RunResult run = hs.runDueDeliveries();
      List<RecordingDataSource.Executed> spent =
          List.copyOf(ds.executed().subList(before, ds.executed().size()));

      assertThat(run.succeeded()).isEqualTo(EVENTS);
      assertThat(receiver.requests()).hasSize(EVENTS);
      for (String id : ids) {
        assertThat(hs.events().get(scope, id).orElseThrow().status())
            .isEqualTo(EventStatus.DELIVERED);
      }
      double perDelivery = spent.size() / (double) EVENTS;
      assertThat(perDelivery)
          .as("statements per delivery:%s", breakdown(spent))
          .isLessThanOrEqualTo(5.0);
      assertThat(spent)
          .as("no per-delivery read of the event or its tasks")
          .noneMatch(
              e ->
                  e.sql().startsWith("SELECT * FROM hs_events")
                      || e.sql().startsWith("SELECT * FROM hs_delivery_tasks WHERE event_id"));
    }
  }

  /**
   * The running engine on PostgreSQL draining a backlog: claims take several tasks each and the
   * settles of concurrent workers share their statements and commits. The receiver answers the
   * requests it holds together, as a receiver under load does, so that how many deliveries finish
   * at once does not depend on how busy this machine is.
   */
  @Test
  void underLoadOnPostgresADeliveryCostsAtMostOneAndAHalfStatements() throws Exception {
    DataSource database = TestDatabases.postgresFresh();
    RecordingDataSource ds = new RecordingDataSource(database);
    int events = 2_000;
    try (GroupingReceiver receiver = new GroupingReceiver(10, Duration.ofMillis(3));
        OneRouteEngine engine = OneRouteEngine.create(ds, Clock.system(), receiver.url())) {
      Hookstream hs = engine.hs();
      for (int i = 0; i < events; i++) {
        hs.ingest(engine.sourceId(), IngestRequest.json("{\"n\":" + i + "}"));
      }

      int before = ds.executed().size();
      hs.start();
      awaitSucceeded(database, events);
      assertThat(receiver.received()).isEqualTo(events);
      List<RecordingDataSource.Executed> spent =
          List.copyOf(ds.executed().subList(before, ds.executed().size()));

      double perDelivery = spent.size() / (double) events;
      System.out.printf("PostgreSQL, running engine: %.2f statements per delivery%n", perDelivery);
      assertThat(perDelivery)
          .as("statements per delivery:%s", breakdown(spent))
          .isLessThanOrEqualTo(1.5);
    }
  }

  /** Waits, reading past the recording, until {@code n} tasks are settled as succeeded. */
  private static void awaitSucceeded(DataSource database, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = database.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM hs_delivery_tasks WHERE status = 'succeeded'")) {
      while (true) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long succeeded = rs.getLong(1);
          if (succeeded >= n) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new AssertionError(succeeded + " of " + n + " tasks succeeded within 30 s");
          }
        }
        Thread.sleep(20);
      }
    }
  }

  private static String breakdown(List<RecordingDataSource.Executed> spent) {
    Map<String, Integer> kinds = new TreeMap<>();
    spent.forEach(
        e -> kinds.merge(e.sql().substring(0, Math.min(90, e.sql().length())), 1, Integer::sum));
    StringBuilder out = new StringBuilder();
    kinds.forEach((sql, n) -> out.append("\n  ").append(n).append(" x ").append(sql));
    return out.toString();
  }

  /**
   * Answers requests in groups: each waits until {@code group} requests are waiting or the first of
   * them has waited {@code linger}, then all of them are answered 200.
   */
  private static final class GroupingReceiver implements AutoCloseable {
    private final HttpServer server;
    private final int group;
    private final long lingerNanos;
    private final AtomicInteger received = new AtomicInteger();
    private final Object lock = new Object();
    private int waiting;
    private long generation;
    private long firstWaitingAt;

    GroupingReceiver(int group, Duration linger) throws IOException {
      this.group = group;
      this.lingerNanos = linger.toNanos();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    int received() {
      return received.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        received.incrementAndGet();
        awaitGroup();
        exchange.sendResponseHeaders(200, -1);
      }
    }

    private void awaitGroup() {
      synchronized (lock) {
        long mine = generation;
        if (waiting++ == 0) {
          firstWaitingAt = System.nanoTime();
        }
        while (mine == generation) {
          long left = firstWaitingAt + lingerNanos - System.nanoTime();
          if (waiting >= group || left <= 0) {
            waiting = 0;
            generation++;
            lock.notifyAll();
            return;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
