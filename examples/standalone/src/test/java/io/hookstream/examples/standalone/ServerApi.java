package io.hookstream.examples.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The calls the process tests make to a server over HTTP, with one API key. */
final class ServerApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String key;

  ServerApi(String key) {
    this.key = key;
  }

  /** Creates a source routed to a destination at {@code destinationUrl}; returns its id. */
  String routeNewSource(URI server, String destinationUrl) throws Exception {
    return routeNewSource(server, destinationUrl, "");
  }

  /** As above, with more JSON fields for the destination, such as {@code ,"ordered":true}. */
  String routeNewSource(URI server, String destinationUrl, String destinationFields)
      throws Exception {
    String source =
        send(server, "POST", "/v1/sources", "{\"name\":\"Orders\"}").path("id").asText();
    String destination =
        send(
                server,
                "POST",
                "/v1/destinations",
                "{\"name\":\"Receiver\",\"url\":\""
                    + destinationUrl
                    + "\""
                    + destinationFields
                    + "}")
            .path("id")
            .asText();
    send(
        server,
        "POST",
        "/v1/connections",
        "{\"source_id\":\"" + source + "\",\"destination_id\":\"" + destination + "\"}");
    return source;
  }

  /**
   * Sends one webhook; returns its event id when the server answered 200, empty when the call
   * failed (a server killed mid-request answers nothing: that event was never acknowledged).
   */
  Optional<String> ingest(URI server, String sourceId, String body) {
    try {
      HttpResponse<String> r =
          client.send(
              request(server, "/v1/ingest/" + sourceId)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200
          ? Optional.of(JSON.readTree(r.body()).path("event_id").asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The HTTP status of {@code GET /v1/events/{id}}. */
  int eventStatus(URI server, String eventId) throws Exception {
    return client
        .send(
            request(server, "/v1/events/" + eventId).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  JsonNode send(URI server, String method, String path, String json) throws Exception {
    HttpResponse<String> r =
        client.send(
            request(server, path).method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private HttpRequest.Builder request(URI server, String path) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .timeout(Duration.ofSeconds(10))
        .header("X-API-Key", key)
        .header("Content-Type", "application/json");
  }
}
