package io.hookstream.servlet.internal;

import io.hookstream.Hookstream;
import io.hookstream.spi.HookstreamException;
import io.hookstream.tools.ToolRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code /v1/tools}: the public developer tools (health check, scheduled send, idempotency test).
 * No authentication; the API limits them per client IP with {@link
 * io.hookstream.servlet.ServletOptions#toolsLimit()}, on top of the public limit.
 */
final class ToolsResource {

  /** The path prefix of every route here. */
  static final String PREFIX = "/v1/tools/";

  private final Hookstream engine;

  ToolsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .add("POST", PREFIX + "health-check", true, this::healthCheck)
        .add("POST", PREFIX + "schedule", true, this::schedule)
        .add("GET", PREFIX + "schedule/:id", true, this::scheduled)
        .add("POST", PREFIX + "idempotency-test", true, this::idempotencyTest);
  }

  private ApiResponse healthCheck(ApiRequest r) throws IOException {
    ToolRequest request = request(r.jsonObject());
    return ApiResponse.ok(ToolJson.healthCheck(engine.tools().healthCheck(request)));
  }

  private ApiResponse schedule(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    Integer[] delay = new Integer[1];
    f.readInt(v -> delay[0] = v, "delay_seconds");
    ToolRequest request = request(f);
    if (delay[0] == null) {
      throw HookstreamException.invalid("delay_seconds", "is required (1 to 86400)");
    }
    Duration after = Duration.ofSeconds(delay[0]);
    return ApiResponse.created(ToolJson.scheduled(engine.tools().schedule(request, after)));
  }

  private ApiResponse scheduled(ApiRequest r) {
    String id = ResourceIds.require("scheduled send", "sch", r.param("id"));
    return ApiResponse.ok(ToolJson.scheduled(engine.tools().requireScheduled(id)));
  }

  private ApiResponse idempotencyTest(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    Integer[] count = new Integer[1];
    String[] header = new String[1];
    String[] key = new String[1];
    f.readInt(v -> count[0] = v, "count");
    f.readText(v -> header[0] = v, "idempotency_header");
    f.readText(v -> key[0] = v, "idempotency_value", "idempotency_key");
    ToolRequest request = request(f);
    if (count[0] == null) {
      throw HookstreamException.invalid("count", "is required (2 to 10)");
    }
    return ApiResponse.ok(
        ToolJson.idempotencyTest(
            engine.tools().idempotencyTest(request, count[0], header[0], key[0])));
  }

  /**
   * The request fields every tool takes: {@code url}, {@code method} (default POST), {@code
   * headers}, {@code body} and {@code timeout} in seconds (default and maximum 10); throws one 422
   * for wrong types first, then one for bad values.
   */
  private static ToolRequest request(Fields f) {
    String[] text = new String[3]; // url, method, body
    @SuppressWarnings("unchecked")
    Map<String, String>[] headers = new Map[1];
    Integer[] timeout = new Integer[1];
    f.readText(v -> text[0] = v, "url");
    f.readText(v -> text[1] = v, "method");
    f.readTextMap(v -> headers[0] = v, "headers");
    f.readText(v -> text[2] = v, "body");
    f.readInt(v -> timeout[0] = v, "timeout", "timeout_seconds");
    f.throwIfInvalid();
    ToolRequest.Builder b = ToolRequest.builder(text[0]).body(text[2]);
    if (text[1] != null) {
      b.method(text[1]);
    }
    if (headers[0] != null) {
      b.headers(headers[0]);
    }
    if (timeout[0] != null) {
      b.timeout(Duration.ofSeconds(timeout[0]));
    }
    return b.build();
  }
}
