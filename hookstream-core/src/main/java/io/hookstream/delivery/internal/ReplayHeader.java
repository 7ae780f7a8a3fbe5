package io.hookstream.delivery.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.spi.store.DeliveryTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds {@code X-hookstream-Replay-Id} to the headers of an HTTP destination's config when the task
 * comes from a replay job, so the receiver can tell a replay from a first delivery. Stateless.
 */
final class ReplayHeader {

  static final String NAME = "X-hookstream-Replay-Id";
  private static final String HTTP = "http";

  private ReplayHeader() {}

  static Map<String, Object> add(Map<String, Object> config, String type, DeliveryTask task) {
    if (!TaskFactory.isReplay(task) || !HTTP.equals(type)) {
      return config;
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    if (config.get("headers") instanceof Map<?, ?> configured) {
      configured.forEach((k, v) -> headers.put(String.valueOf(k), v));
    }
    headers.put(NAME, task.connectionId());
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.put("headers", headers);
    return copy;
  }
}
