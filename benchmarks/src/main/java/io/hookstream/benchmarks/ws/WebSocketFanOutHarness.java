package io.hookstream.benchmarks.ws;

import io.hookstream.Hookstream;
import io.hookstream.auth.ApiKeyMode;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.ChildJvm;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.Jetty;
import io.hookstream.benchmarks.support.Latency;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.servlet.ws.HookstreamWebSockets;
import io.hookstream.servlet.ws.WebSocketOptions;
import io.hookstream.spi.store.Scope;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/**
 * Harness 4: WebSocket fan-out. An engine (memory store) serves {@code /v1/ws} from embedded Jetty;
 * a separate JVM ({@link RawSubscribers}) opens N connections and subscribes each to the {@code
 * events} channel. Reports the server's heap per idle connection (used heap after a forced GC,
 * before and after connecting) and, for events ingested one at a time, the time from the ingest
 * call to the last subscriber's receipt.
 */
public final class WebSocketFanOutHarness implements Harness {

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int subscribers : List.of(1_000, 10_000)) {
      rows.addAll(fanOut(subscribers, mode.quick() ? 50 : 500));
    }
    return rows;
  }

  private List<Row> fanOut(int subscribers, int broadcasts) throws Exception {
    Hookstream hs = Engines.memory().build().start();
    Jetty jetty = new Jetty();
    HookstreamWebSockets[] sockets = new HookstreamWebSockets[1];
    ChildJvm child = null;
    try {
      Scope scope = Engines.tenant(hs);
      String source = Engines.plainSource(hs, scope);
      String token = hs.apiKeys().create(scope, "bench", ApiKeyMode.LIVE).key();
      WebSocketOptions options =
          WebSocketOptions.builder().heartbeatInterval(Duration.ofMinutes(30)).build();
      JakartaWebSocketServletContainerInitializer.configure(
          jetty.context(),
          (servletContext, container) ->
              sockets[0] =
                  HookstreamWebSockets.install(servletContext, container, hs, "/v1", options));
      int port = jetty.start();

      long before = usedHeapAfterGc();
      child =
          ChildJvm.start(
              "-Xmx1g",
              RawSubscribers.class,
              String.valueOf(port),
              token,
              String.valueOf(subscribers));
      long t0 = System.nanoTime();
      child.expect("READY", 300);
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      long after = usedHeapAfterGc();
      double perConnection = (after - before) / (double) subscribers;
      System.out.printf(
          Locale.ROOT,
          "%,d subscribers connected in %.1f s (%d open on the"
              + " server); heap %,d -> %,d bytes: %,.0f bytes per idle connection%n",
          subscribers,
          connectSeconds,
          sockets[0].openConnections(),
          before,
          after,
          perConnection);

      Latency latency = new Latency();
      byte[] body = Payloads.json(1, Payloads.ONE_KB);
      for (int i = 0; i < broadcasts + 3; i++) {
        long sent = System.nanoTime();
        String id =
            hs.ingest(
                    source,
                    IngestRequest.builder()
                        .method("POST")
                        .header("Content-Type", "application/json")
                        .body(body)
                        .build())
                .eventId();
        String[] done = child.expect("DONE " + id, 60).split(" ");
        if (i >= 3) { // the first broadcasts warm up the send path
          latency.recordNanos(Long.parseLong(done[2]) - sent);
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
      System.out.printf(
          Locale.ROOT, "%,d subscribers: ingest to last receipt %s%n", subscribers, latency);
      String label = String.format(Locale.ROOT, "%,d subscribers", subscribers);
      List<Row> rows = new ArrayList<>();
      rows.add(
          Row.alone(
              name(),
              label + ": heap per idle connection",
              perConnection,
              "bytes",
              String.format(
                  Locale.ROOT,
                  "%,.0f MB for all%s",
                  (after - before) / 1e6,
                  subscribers == 10_000 ? "; target: 10,000 in < 512 MB" : "")));
      rows.add(
          Row.alone(
              name(),
              label + ": ingest to last receipt p50",
              latency.millis(50),
              "ms",
              broadcasts + " events, one at a time"));
      rows.add(
          Row.alone(
              name(),
              label + ": ingest to last receipt p99",
              latency.millis(99),
              "ms",
              subscribers == 10_000 ? "target < 250 ms" : ""));
      return rows;
    } finally {
      if (child != null) {
        child.close();
      }
      if (sockets[0] != null) {
        sockets[0].close();
      }
      jetty.stop();
      hs.close();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
