package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a handler answers: an HTTP status and a JSON body. Immutable. */
record ApiResponse(int status, JsonNode body) {

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }

  /** {@code {"success": true}}, as deletes answer. */
  static ApiResponse success() {
    ObjectNode body = JsonIo.object();
    body.put("success", true);
    return ok(body);
  }
}
