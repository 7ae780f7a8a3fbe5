package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a handler answers: an HTTP status and a JSON body, already rendered to UTF-8 bytes (so a hot
 * handler can render its own). Immutable by convention: nobody writes to {@code json}.
 */
record ApiResponse(int status, byte[] json) {

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
