package io.hookstream.providers.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A loopback stand-in for an AWS JSON-protocol service (EventBridge has no emulator here): it
 * verifies every request's SigV4 signature by signing the same request again with the AWS SDK's own
 * signer and the expected secret, answers a wrong key or signature as AWS does (403), and otherwise
 * answers what the test scripted, or a successful PutEvents. Shared with the standalone server's
 * end-to-end test through this module's test jar.
 */
public final class SigV4Stub implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String KEY_ID = "AKIAHOOKSTREAMSTUB01";
  public static final String SECRET = "stub-secret-access-key-9b3d5f";

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential="
              + "([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=(\\w+)");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** One request that passed the signature check. */
  public record Received(String target, String service, String body) {}

  /** A scripted answer. */
  public record Answer(int status, String json) {}

  private final String service;
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();

  private SigV4Stub(String service) throws IOException {
    this.service = service;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stub for the service whose SigV4 signing name is {@code service} ("events", "sqs"). */
  public static SigV4Stub start(String service) throws IOException {
    return new SigV4Stub(service);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next request that passes the signature check gets this answer instead of success. */
  public void enqueue(int status, String json) {
    script.add(new Answer(status, json));
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Why requests were refused (signature checks that failed). */
  public List<String> rejected() {
    return List.copyOf(rejected);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String problem = verify(exchange, body);
    if (problem != null) {
      rejected.add(problem);
      answer(
          exchange,
          403,
          "{\"__type\":\"InvalidSignatureException\",\"message\":\"The"
              + " request signature we calculated does not match the signature you provided.\"}");
      return;
    }
    received.add(
        new Received(
            exchange.getRequestHeaders().getFirst("X-Amz-Target"),
            service,
            new String(body, StandardCharsets.UTF_8)));
    Answer next = script.poll();
    if (next != null) {
      answer(exchange, next.status(), next.json());
    } else {
      answer(
          exchange,
          200,
          "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"eb-" + received.size() + "\"}]}");
    }
  }

  /** Null when the request is signed by {@link #KEY_ID} with {@link #SECRET}, else why not. */
  private String verify(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
    if (m == null || !m.matches()) {
      return "no SigV4 Authorization header: " + authorization;
    }
    if (!m.group(1).equals(KEY_ID) || !m.group(3).equals(REGION) || !m.group(4).equals(service)) {
      return "unexpected credential scope " + m.group(1) + "/" + m.group(3) + "/" + m.group(4);
    }
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
            .uri(
                URI.create(
                    "http://"
                        + exchange.getRequestHeaders().getFirst("Host")
                        + exchange.getRequestURI()));
    for (String name : m.group(5).split(";")) {
      List<String> values = exchange.getRequestHeaders().get(name);
      if (values == null) {
        return "signed header " + name + " missing";
      }
      request.putHeader(name, values);
    }
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                        .putProperty(
                            HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
    Matcher e = AUTHORIZATION.matcher(expected);
    if (!e.matches() || !e.group(6).equals(m.group(6))) {
      return "signature mismatch";
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
