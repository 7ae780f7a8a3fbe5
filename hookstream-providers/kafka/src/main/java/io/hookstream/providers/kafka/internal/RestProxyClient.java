package io.hookstream.providers.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.spi.JsonSyntax;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One destination's client of Confluent's REST Proxy v3: {@code POST
 * /kafka/v3/clusters/{cluster_id}/topics/{topic}/records} with Basic auth, the body as a JSON value
 * (a STRING or BINARY value when it is not JSON) and base64 header values, as v3 requires. A 200
 * whose body carries an {@code error_code} other than 200 is a failure. Thread-safe.
 */
final class RestProxyClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI records;
  private final String authorization;
  private final Duration timeout;

  RestProxyClient(KafkaConfig config, Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = config.restBase().toString().replaceAll("/+$", "");
    this.records =
        URI.create(
            base
                + "/kafka/v3/clusters/"
                + URLEncoder.encode(config.clusterId(), StandardCharsets.UTF_8)
                + "/topics/"
                + config.topic()
                + "/records");
    String credentials = config.apiKey() + ":" + config.apiSecret();
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** Produces {@code m}; throws {@link RestProxyException} for an error answer. */
  Sent send(KafkaMessage m) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(records)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(m)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode answer = parse(response.body());
    int errorCode = answer.path("error_code").asInt(0);
    if (response.statusCode() / 100 != 2 || (errorCode != 0 && errorCode != 200)) {
      throw new RestProxyException(
          KafkaFailure.ofRest(
              response.statusCode(),
              errorCode,
              answer.path("message").asText(null),
              retryAfter(response)));
    }
    Map<String, List<String>> details = new LinkedHashMap<>();
    details.put("key", List.of(m.key()));
    m.headers().forEach((k, v) -> details.put(k, List.of(v)));
    return new Sent(
        response.statusCode(),
        details,
        "partition="
            + answer.path("partition_id").asText()
            + " offset="
            + answer.path("offset").asText());
  }

  /** The v3 produce request: key, value and headers. */
  static byte[] body(KafkaMessage m) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("key").put("type", "STRING").put("data", m.key());
    ObjectNode value = root.putObject("value");
    String text = JsonSyntax.utf8(m.value());
    if (JsonSyntax.isJson(m.value())) {
      value.put("type", "JSON").set("data", JSON.readTree(m.value()));
    } else if (text != null) {
      value.put("type", "STRING").put("data", text);
    } else {
      value.put("type", "BINARY").put("data", Base64.getEncoder().encodeToString(m.value()));
    }
    ArrayNode headers = root.putArray("headers");
    m.headers()
        .forEach(
            (name, v) ->
                headers
                    .addObject()
                    .put("name", name)
                    .put(
                        "value",
                        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return JSON.writeValueAsBytes(root);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode(); // an HTML error page from a gateway: the status says enough
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  /** Closes the connection pool where the JDK can (HttpClient is closeable from Java 21). */
  @Override
  public void close() throws Exception {
    if ((Object) http instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** An error answer of the REST Proxy, already classified. */
  static final class RestProxyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KafkaFailure failure;

    RestProxyException(KafkaFailure failure) {
      super(failure.error());
      this.failure = failure;
    }

    KafkaFailure failure() {
      return failure;
    }
  }
}
