package io.hookstream.delivery.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.spi.store.DeliveryTask;
import java.util.Map;

/**
 * Adds {@code X-hookstream-Replay-Id} to the headers of an HTTP destination's config when the task
 * comes from a replay job, so the receiver can tell a replay from a first delivery. Stateless.
 */
final class ReplayHeader {

  static final String NAME = "X-hookstream-Replay-Id";

  private ReplayHeader() {}

  static Map<String, Object> add(Map<String, Object> config, String type, DeliveryTask task) {
    if (!TaskFactory.isReplay(task)) {
      return config;
    }
    return OutboundHeaders.add(config, type, Map.of(NAME, task.connectionId()));
  }
}
