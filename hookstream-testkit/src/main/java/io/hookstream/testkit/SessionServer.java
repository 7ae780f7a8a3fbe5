package io.hookstream.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.JsonSyntax;
import io.hookstream.testsession.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that hands every request under {@code /v1/ingest/} to the engine's test
 * sessions, exactly as the servlet binding does, and writes back the session's answer. It only
 * translates HTTP; recording, limits, the feed and forwarding are the engine's. Thread-safe.
 */
final class SessionServer implements AutoCloseable {

  private static final String PREFIX = "/v1/ingest/";

  private final Hookstream engine;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  SessionServer(Hookstream engine) {
    this.engine = engine;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on loopback", e);
    }
    server.createContext(PREFIX, this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/v1/ingest/<sessionId>}. */
  String url(String sessionId) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + sessionId;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String id = x.getRequestURI().getRawPath().substring(PREFIX.length());
      TestResponse answer;
      try {
        answer = engine.testSessions().receive(id, request(x));
      } catch (HookstreamException e) {
        String json =
            "{\"error\":"
                + JsonSyntax.quote(e.getMessage())
                + ",\"status\":"
                + e.code().httpStatus()
                + "}";
        write(x, e.code().httpStatus(), "application/json", Map.of(), json);
        return;
      }
      write(x, answer.status(), answer.contentType(), answer.headers(), answer.body());
    }
  }

  private static IngestRequest request(HttpExchange x) throws IOException {
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readAllBytes();
    }
    URI uri = x.getRequestURI();
    IngestRequest.Builder b =
        IngestRequest.builder()
            .method(x.getRequestMethod())
            .url("http://127.0.0.1" + uri)
            .body(body)
            .clientIp(x.getRemoteAddress().getAddress().getHostAddress());
    x.getRequestHeaders()
        .forEach((name, values) -> values.forEach(v -> b.header(name.toLowerCase(Locale.ROOT), v)));
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (!pair.isEmpty()) {
          String[] kv = pair.split("=", 2);
          b.queryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
      }
    }
    return b.build();
  }

  private static void write(
      HttpExchange x, int status, String contentType, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().put("Content-Type", List.of(contentType));
    headers.forEach((k, v) -> x.getResponseHeaders().put(k, List.of(v)));
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
