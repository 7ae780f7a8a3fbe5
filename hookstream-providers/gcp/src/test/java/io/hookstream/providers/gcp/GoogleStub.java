package io.hookstream.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's two endpoints on loopback: a token endpoint that verifies the service account's RS256
 * JWT with its public key (and its claims) before it hands out an access token, and a Pub/Sub
 * publish endpoint that accepts only tokens it issued, stores what it is sent, and answers with
 * scripted failures when told to.
 */
final class GoogleStub implements AutoCloseable {

  /** A message as the publish endpoint received it, with the bearer token it carried. */
  record Published(String topicPath, byte[] data, Map<String, String> attributes, String bearer) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final PublicKey publicKey;
  private final AtomicInteger exchanges = new AtomicInteger();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private final Deque<int[]> scriptedStatus = new ArrayDeque<>();
  private final Deque<String> scriptedBody = new ArrayDeque<>();

  private GoogleStub(PublicKey publicKey) throws IOException {
    this.publicKey = publicKey;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v1/", this::publish);
    server.start();
  }

  /** A stub trusting the service account whose public key is {@code publicKey}. */
  static GoogleStub start(PublicKey publicKey) {
    try {
      return new GoogleStub(publicKey);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String tokenUri() {
    return endpoint() + "/token";
  }

  /** How many JWTs were exchanged for access tokens. */
  int exchanges() {
    return exchanges.get();
  }

  List<Published> published() {
    return List.copyOf(published);
  }

  /** Every access token handed out, oldest first. */
  List<String> issued() {
    return List.copyOf(issued);
  }

  /** Why token requests were refused. */
  List<String> rejected() {
    return List.copyOf(rejected);
  }

  /** Every access token handed out so far stops working (the publish endpoint answers 401). */
  void revokeTokens() {
    validTokens.clear();
  }

  /** The next publish answers {@code status} with Google's error body for {@code googleStatus}. */
  synchronized void enqueue(int status, String googleStatus, String message) {
    scriptedStatus.add(new int[] {status});
    scriptedBody.add(
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":\""
            + message
            + "\",\"status\":\""
            + googleStatus
            + "\"}}");
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), UTF8));
    String problem = checkAssertion(form);
    if (problem != null) {
      rejected.add(problem);
      respond(
          exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
      return;
    }
    String token = "ya29.stub-token-" + exchanges.incrementAndGet();
    validTokens.add(token);
    issued.add(token);
    respond(
        exchange,
        200,
        "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  /** Why the JWT bearer grant is refused, or null when its signature and claims hold. */
  private String checkAssertion(Map<String, String> form) {
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
      return "unsupported grant_type";
    }
    String[] parts = String.valueOf(form.get("assertion")).split("\\.");
    if (parts.length != 3) {
      return "not a JWT";
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(publicKey);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "Invalid JWT Signature.";
      }
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!header.path("alg").asText().equals("RS256")) {
        return "alg must be RS256";
      }
      // Google's token endpoint takes "sub" as optional (google-auth-library omits it).
      if (!claims.path("iss").asText().equals(ServiceAccounts.CLIENT_EMAIL)
          || !claims
              .path("sub")
              .asText(ServiceAccounts.CLIENT_EMAIL)
              .equals(ServiceAccounts.CLIENT_EMAIL)) {
        return "iss (and sub, when given) must be the client email";
      }
      // google-auth-library addresses Google's token URI whatever the key file's token_uri says.
      String aud = claims.path("aud").asText();
      if (!aud.equals(tokenUri()) && !aud.equals("https://oauth2.googleapis.com/token")) {
        return "aud must be the token URI";
      }
      if (!claims.path("scope").asText().equals("https://www.googleapis.com/auth/pubsub")) {
        return "scope must be pubsub";
      }
      if (claims.path("exp").asLong() - claims.path("iat").asLong() != 3600) {
        return "exp must be iat + 1 hour";
      }
      return null;
    } catch (Exception e) {
      return "unreadable JWT: " + e;
    }
  }

  private void publish(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    if (!auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
      respond(
          exchange,
          401,
          "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication"
              + " credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
      return;
    }
    synchronized (this) {
      if (!scriptedStatus.isEmpty()) {
        respond(exchange, scriptedStatus.poll()[0], scriptedBody.poll());
        return;
      }
    }
    String path = exchange.getRequestURI().getPath();
    JsonNode message = JSON.readTree(body).path("messages").get(0);
    Map<String, String> attributes = new HashMap<>();
    message
        .path("attributes")
        .fields()
        .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    published.add(
        new Published(
            path.substring("/v1/".length(), path.length() - ":publish".length()),
            Base64.getDecoder().decode(message.path("data").asText()),
            attributes,
            auth.substring(7)));
    respond(exchange, 200, "{\"messageIds\":[\"" + published.size() + "\"]}");
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), UTF8),
            URLDecoder.decode(pair.substring(eq + 1), UTF8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
