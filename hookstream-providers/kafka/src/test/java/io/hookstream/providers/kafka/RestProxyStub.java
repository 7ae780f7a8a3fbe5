package io.hookstream.providers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Confluent REST Proxy v3 produce endpoint: it checks the request's shape (path, Basic
 * auth, JSON content, a typed key and value, base64 header values) and answers as the proxy does,
 * with v3 error bodies for an unknown cluster or topic, bad credentials and a malformed request.
 * Scripted answers can be queued ahead of the real one.
 */
final class RestProxyStub implements AutoCloseable {

  static final String CLUSTER = "lkc-test01";
  static final String KEY = "ABCDEFGHIJKLMNOP";
  static final String SECRET = "ABCdef123-rest-proxy-secret-4242";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile("/kafka/v3/clusters/([^/]+)/topics/([^/]+)/records");

  /** One accepted record: its key, value (type and data) and decoded headers. */
  record Produced(String topic, JsonNode key, JsonNode value, Map<String, String> headers) {}

  private record Scripted(int status, String body) {}

  private final HttpServer server;
  private final Set<String> topics;
  private final List<Produced> produced = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final AtomicLong offset = new AtomicLong();

  private RestProxyStub(HttpServer server, Set<String> topics) {
    this.server = server;
    this.topics = topics;
  }

  static RestProxyStub start(String... topics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    RestProxyStub stub = new RestProxyStub(server, Set.of(topics));
    server.createContext("/", stub::handle);
    server.start();
    return stub;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Produced> produced() {
    return List.copyOf(produced);
  }

  /** Why requests were refused (for asserting that a check fired). */
  List<String> rejected() {
    return List.copyOf(rejected);
  }

  /** Answers the next request with {@code status} and {@code body}, whatever it holds. */
  void enqueue(int status, String body) {
    script.add(new Scripted(status, body));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      Scripted next = script.poll();
      if (next != null) {
        answer(exchange, next.status(), next.body());
        return;
      }
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      String expectedAuth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
      if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
        error(exchange, 404, 404, "HTTP 404 Not Found", "no such endpoint");
      } else if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        error(exchange, 401, 40101, "Unauthorized", "bad Basic credentials");
      } else if (!path.group(1).equals(CLUSTER)) {
        error(exchange, 404, 40402, "Cluster " + path.group(1) + " cannot be found.", "cluster");
      } else if (!topics.contains(path.group(2))) {
        error(exchange, 404, 40403, "This server does not host this topic-partition.", "topic");
      } else {
        produce(exchange, path.group(2), request);
      }
    }
  }

  private void produce(HttpExchange exchange, String topic, byte[] request) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    JsonNode body;
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      body = JSON.readTree(request);
      for (JsonNode h : body.path("headers")) {
        headers.put(
            h.get("name").asText(),
            new String(
                Base64.getDecoder().decode(h.get("value").asText()), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      error(exchange, 400, 400, "malformed request: " + e.getMessage(), "malformed");
      return;
    }
    String valueType = body.path("value").path("type").asText();
    if (contentType == null
        || !contentType.startsWith("application/json")
        || !Set.of("JSON", "STRING", "BINARY").contains(valueType)
        || !body.path("value").has("data")
        || !body.path("key").path("type").asText().equals("STRING")) {
      error(exchange, 400, 400, "the request is not a v3 produce request", "shape");
      return;
    }
    produced.add(new Produced(topic, body.get("key"), body.get("value"), headers));
    answer(
        exchange,
        200,
        "{\"error_code\":200,\"cluster_id\":\""
            + CLUSTER
            + "\",\"topic_name\":\""
            + topic
            + "\",\"partition_id\":0,\"offset\":"
            + offset.getAndIncrement()
            + ",\"timestamp\":\"2026-03-01T12:00:02.000Z\"}");
  }

  private void error(HttpExchange exchange, int status, int code, String message, String why)
      throws IOException {
    rejected.add(why);
    answer(
        exchange,
        status,
        "{\"error_code\":" + code + ",\"message\":" + JSON.writeValueAsString(message) + "}");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
