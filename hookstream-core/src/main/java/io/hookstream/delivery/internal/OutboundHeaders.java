package io.hookstream.delivery.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds headers to what an HTTP destination sends, through its config's {@code headers} (the http
 * provider sends them after its own, so these win on a clash). Other destination types have no
 * headers to carry them, so their config is left alone. Stateless.
 */
final class OutboundHeaders {

  private static final String HTTP = "http";

  private OutboundHeaders() {}

  static Map<String, Object> add(Map<String, Object> config, String type, Map<String, ?> extra) {
    if (extra.isEmpty() || !HTTP.equals(type)) {
      return config;
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    if (config.get("headers") instanceof Map<?, ?> configured) {
      configured.forEach((k, v) -> headers.put(String.valueOf(k), v));
    }
    headers.putAll(extra);
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.put("headers", headers);
    return copy;
  }
}
