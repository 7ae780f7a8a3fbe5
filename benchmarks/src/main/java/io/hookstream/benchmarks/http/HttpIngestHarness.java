package io.hookstream.benchmarks.http;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.support.Engines;
import io.hookstream.benchmarks.support.HttpLoad;
import io.hookstream.benchmarks.support.Jetty;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.servlet.HookstreamServlet;
import io.hookstream.servlet.ServletOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Harness 1: HTTP ingest against a bare servlet in the same embedded Jetty. {@link
 * HookstreamServlet} serves {@code /v1/ingest/<source>} (a source with no verification and no
 * connections; rate limiting off, since every request comes from one address); a bare servlet at
 * {@code /bare} reads the body and answers 200. The same raw-socket load generator sends 1 KB JSON
 * bodies over 64 keep-alive connections to each, bare first. Stores: memory, H2 file, PostgreSQL.
 */
public final class HttpIngestHarness implements Harness {

  private static final int CONNECTIONS = 64;
  private static final byte[] BARE_ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

  private final Databases databases;

  public HttpIngestHarness(Databases databases) {
    this.databases = databases;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    long requests = mode.quick() ? 20_000 : 200_000;
    Map<String, Supplier<Hookstream.Builder>> stores = new LinkedHashMap<>();
    stores.put("memory", Engines::memory);
    stores.put("H2 file", () -> Engines.jdbc(databases.h2File()));
    stores.put("PostgreSQL", () -> Engines.jdbc(databases.postgres()));
    List<Row> rows = new ArrayList<>();
    for (var store : stores.entrySet()) {
      rows.addAll(measure(store.getKey(), store.getValue().get(), requests));
    }
    return rows;
  }

  private List<Row> measure(String store, Hookstream.Builder builder, long requests)
      throws Exception {
    byte[] body = Payloads.json(3, Payloads.ONE_KB);
    Jetty jetty = new Jetty();
    try (Hookstream hs = builder.build().start()) {
      String source = Engines.plainSource(hs, Engines.tenant(hs));
      jetty.context().addServlet(new ServletHolder(new BareServlet()), "/bare");
      jetty
          .context()
          .addServlet(
              new ServletHolder(
                  new HookstreamServlet(hs, ServletOptions.builder().rateLimiting(false).build())),
              "/*");
      int port = jetty.start();
      String ingest = "/v1/ingest/" + source;
      // Both paths warm (JIT, pools) before either is measured.
      HttpLoad.post(port, "/bare", body, CONNECTIONS, requests / 4);
      HttpLoad.post(port, ingest, body, CONNECTIONS, requests / 4);
      HttpLoad.Result bare = HttpLoad.post(port, "/bare", body, CONNECTIONS, requests);
      HttpLoad.Result ours = HttpLoad.post(port, ingest, body, CONNECTIONS, requests);
      System.out.printf(
          Locale.ROOT,
          "%-10s bare servlet %,9.0f req/s %s%n",
          store,
          bare.perSecond(),
          bare.latency());
      System.out.printf(
          Locale.ROOT,
          "%-10s hookstream   %,9.0f req/s %s%n",
          store,
          ours.perSecond(),
          ours.latency());
      String note = CONNECTIONS + " keep-alive connections, " + requests + " requests of 1 KB";
      List<Row> rows = new ArrayList<>();
      rows.add(
          Row.of(
              name(),
              store + ": requests/s",
              ours.perSecond(),
              bare.perSecond(),
              "req/s",
              note + (store.equals("memory") ? "; target ratio >= 0.5" : "")));
      rows.add(
          Row.of(
              name(),
              store + ": p50",
              ours.latency().millis(50),
              bare.latency().millis(50),
              "ms",
              "closed loop: service time"));
      rows.add(
          Row.of(
              name(),
              store + ": p99",
              ours.latency().millis(99),
              bare.latency().millis(99),
              "ms",
              "closed loop: service time"));
      return rows;
    } finally {
      jetty.stop();
    }
  }

  /** Reads the whole body and answers 200 with a small JSON body: the floor for any servlet. */
  private static final class BareServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      try (InputStream in = request.getInputStream()) {
        in.readAllBytes();
      }
      response.setStatus(200);
      response.setContentType("application/json");
      response.setContentLength(BARE_ANSWER.length);
      response.getOutputStream().write(BARE_ANSWER);
    }
  }
}
