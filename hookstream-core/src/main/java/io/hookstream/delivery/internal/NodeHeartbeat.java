package io.hookstream.delivery.internal;

import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's liveness in the shared store, run as a background job every heartbeat interval of the
 * engine clock: it beats, then releases the leases of nodes silent for longer than {@code
 * deadAfter}, so their work moves on well before their leases expire. Thread-safe.
 */
public final class NodeHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final Store store;
  private final String nodeId;
  private final Duration deadAfter;
  private Instant lastBeat;

  public NodeHeartbeat(Store store, String nodeId, Duration deadAfter) {
    this.store = store;
    this.nodeId = nodeId;
    this.deadAfter = deadAfter;
  }

  /** Beats at {@code now}, then looks for dead nodes. */
  public synchronized void beat(Instant now) {
    Instant previous = lastBeat;
    store.nodes().heartbeat(nodeId, now);
    lastBeat = now;
    // A node that was silent itself (paused, or its clock jumped) first lets the others beat.
    if (previous != null && !now.isAfter(previous.plus(deadAfter))) {
      releaseDeadNodes(now);
    }
  }

  private void releaseDeadNodes(Instant now) {
    List<String> dead = store.nodes().releaseSilent(now.minus(deadAfter), now);
    for (String id : dead) {
      log.warn("node {} missed its heartbeats for {}; its leases were released", id, deadAfter);
    }
  }
}
