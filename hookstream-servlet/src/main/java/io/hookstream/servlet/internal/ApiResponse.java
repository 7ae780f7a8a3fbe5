package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What a handler answers: an HTTP status and a JSON body, already rendered to UTF-8 bytes (so a hot
 * handler can render its own), or a body of {@code contentType} that {@code stream} writes straight
 * to the response (exports, which must not be held in memory). Immutable by convention: nobody
 * writes to {@code json}.
 */
record ApiResponse(int status, byte[] json, String contentType, Streamed stream) {

  /** A body written to the response as it is produced. */
  @FunctionalInterface
  interface Streamed {
    void writeTo(OutputStream out) throws IOException;
  }

  ApiResponse(int status, byte[] json) {
    this(status, json, null, null);
  }

  /** A 200 whose body {@code stream} writes. */
  static ApiResponse streamed(String contentType, Streamed stream) {
    return new ApiResponse(200, null, contentType, stream);
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
