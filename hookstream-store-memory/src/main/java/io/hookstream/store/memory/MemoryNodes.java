package io.hookstream.store.memory;

import io.hookstream.spi.store.NodeRecord;
import io.hookstream.spi.store.NodeRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Node heartbeats. Declaring a node dead runs under the delivery tasks' lock, so the removal of its
 * row and the release of its leases are one step for every other store call.
 */
final class MemoryNodes implements NodeRepository {

  private final ConcurrentSkipListMap<String, Instant> beats = new ConcurrentSkipListMap<>();
  private final MemoryDeliveries deliveries;

  MemoryNodes(MemoryDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void heartbeat(String nodeId, Instant now) {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(now, "now");
    beats.put(nodeId, now);
  }

  @Override
  public List<NodeRecord> list() {
    return beats.entrySet().stream().map(e -> new NodeRecord(e.getKey(), e.getValue())).toList();
  }

  @Override
  public List<String> releaseSilent(Instant silentSince, Instant now) {
    Objects.requireNonNull(silentSince, "silentSince");
    return deliveries.locked(
        () -> {
          List<String> dead = new ArrayList<>();
          for (Map.Entry<String, Instant> e : beats.entrySet()) {
            // remove(key, value): a beat that lands meanwhile keeps the node alive.
            if (e.getValue().isBefore(silentSince) && beats.remove(e.getKey(), e.getValue())) {
              deliveries.releaseLeases(e.getKey(), now);
              dead.add(e.getKey());
            }
          }
          return dead;
        });
  }
}
