package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What a handler answers: an HTTP status and a JSON body, already rendered to UTF-8 bytes (so a hot
 * handler can render its own). A few answers are not JSON: a test session's configured response
 * ({@code contentType} and {@code headers} set, {@code json} holding its bytes) and exports ({@code
 * stream} writes the body as it is read). Immutable by convention: nobody writes to {@code json}.
 */
record ApiResponse(
    int status, byte[] json, String contentType, Map<String, String> headers, BodyWriter stream) {

  /** Writes a streamed body. */
  @FunctionalInterface
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  ApiResponse(int status, byte[] json) {
    this(status, json, null, Map.of(), null);
  }

  /** {@code body} as it is, with {@code contentType} and extra {@code headers}. */
  static ApiResponse raw(int status, String contentType, byte[] body, Map<String, String> headers) {
    return new ApiResponse(status, body, contentType, headers, null);
  }

  /** A 200 whose body {@code writer} writes while the data is read. */
  static ApiResponse streamed(String contentType, Map<String, String> headers, BodyWriter writer) {
    return new ApiResponse(200, new byte[0], contentType, headers, writer);
  }

  static ApiResponse of(int status, JsonNode body) {
    return new ApiResponse(status, JsonIo.write(body));
  }

  static ApiResponse ok(JsonNode body) {
    return of(200, body);
  }

  static ApiResponse created(JsonNode body) {
    return of(201, body);
  }

  /** {@code {"success": true}}, as deletes answer. */
  static ApiResponse success() {
    ObjectNode body = JsonIo.object();
    body.put("success", true);
    return ok(body);
  }
}
