package io.hookstream.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP client on loopback, with helpers for the JSON API. */
final class Client {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One response: status, headers, raw body and the body as JSON (null if not JSON). */
  record Response(int status, HttpHeaders headers, byte[] raw, JsonNode json) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  Client(URI base) {
    this.base = base.toString();
  }

  String base() {
    return base;
  }

  Response get(String path, String key) {
    return send("GET", path, key, null, null);
  }

  Response delete(String path, String key) {
    return send("DELETE", path, key, null, null);
  }

  Response post(String path, String key, String json) {
    return send("POST", path, key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  Response patch(String path, String key, String json) {
    return send("PATCH", path, key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  Response send(String method, String path, String key, String contentType, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // The JDK client reused a keep-alive connection the server had already closed: the
        // request never reached it. The client does not retry that for POST; we do, once.
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      }
      return new Response(r.statusCode(), r.headers(), r.body(), parse(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
