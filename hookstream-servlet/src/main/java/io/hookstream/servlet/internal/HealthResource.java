package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;

/** {@code GET /v1/health}: public; 200 {@code {status: "ok"}} while the engine runs, else 503. */
final class HealthResource {

  private final Hookstream engine;

  HealthResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router.add("GET", "/v1/health", true, r -> health());
  }

  private ApiResponse health() {
    ObjectNode body = JsonIo.object();
    boolean up = engine.isRunning();
    body.put("status", up ? "ok" : "unavailable");
    return ApiResponse.of(up ? 200 : 503, body);
  }
}
