package io.hookstream.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.internal.Json;

/**
 * The codec of the wire format: reads JSON with the limits ingest applies (no trailing tokens,
 * decimals kept exact, nesting at most 500 levels) and writes compact text. The mapper itself stays
 * inside the engine, so no caller can reconfigure it. Stateless and thread-safe.
 */
public final class HookstreamJson {

  private HookstreamJson() {}

  /** An empty JSON object to render into. */
  public static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  /** Parses {@code bytes} as one JSON value, or returns null if empty or not JSON. */
  public static JsonNode parseOrNull(byte[] bytes) {
    return Json.parseOrNull(bytes);
  }

  /**
   * Parses JSON text the engine wrote itself (stored filter rules, configs); a failure is a bug, so
   * it is an unchecked {@link java.io.UncheckedIOException}.
   */
  public static JsonNode parseStored(String json) {
    return Json.parse(json);
  }

  /** Serializes {@code value} (a {@link JsonNode}, a map, a string...) to compact JSON text. */
  public static String write(Object value) {
    return Json.write(value);
  }
}
