package io.hookstream.delivery.internal;

import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's liveness in the shared store, run from the scheduler's rounds on the engine clock.
 * The first beat takes back the leases a previous run under the same node id left behind (it is
 * gone, since this one now has the id). Every {@code interval} it beats, then releases the leases
 * of nodes silent for longer than {@code deadAfter}, so their work moves on well before their
 * leases expire. Thread-safe.
 */
public final class NodeHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final Store store;
  private final String nodeId;
  private final Duration interval;
  private final Duration deadAfter;
  private Instant lastBeat;
  private boolean tookBack;

  public NodeHeartbeat(Store store, String nodeId, Duration interval, Duration deadAfter) {
    this.store = store;
    this.nodeId = nodeId;
    this.interval = interval;
    this.deadAfter = deadAfter;
  }

  /** Beats and looks for dead nodes if an interval has passed since the last beat. */
  public synchronized void tick(Instant now) {
    if (lastBeat != null && now.isBefore(lastBeat.plus(interval))) {
      return;
    }
    if (!tookBack) {
      int released = store.deliveries().releaseLeases(nodeId, now);
      tookBack = true;
      if (released > 0) {
        log.info("node {} took back {} leases its previous run held", nodeId, released);
      }
    }
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
