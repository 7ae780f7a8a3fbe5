package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** REST calls to a running server, as a user makes them; a non-2xx answer fails the test. */
final class ApiCalls {

  static final ObjectMapper JSON = new ObjectMapper();

  private ApiCalls() {}

  static JsonNode call(
      HttpClient client, URI base, String method, String path, String key, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  /** A POST whose answer the test checks itself (a 422 for a bad resource). */
  static HttpResponse<String> post(
      HttpClient client, URI base, String path, String key, String json)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Creates a source connected to the destination {@code dst}; returns the source's id. */
  static String connectNewSource(HttpClient client, URI base, String key, String dst)
      throws IOException, InterruptedException {
    String src =
        call(client, base, "POST", "/v1/sources", key, "{\"name\":\"Orders\"}").path("id").asText();
    call(
        client,
        base,
        "POST",
        "/v1/connections",
        key,
        "{\"source_id\":\"" + src + "\",\"destination_id\":\"" + dst + "\"}");
    return src;
  }

  /** Sends a webhook to the source's ingest URL, as a provider would; returns its event id. */
  static String ingest(HttpClient client, URI base, String sourceId, String body)
      throws IOException, InterruptedException {
    return call(client, base, "POST", "/v1/ingest/" + sourceId, null, body)
        .path("event_id")
        .asText();
  }
}
