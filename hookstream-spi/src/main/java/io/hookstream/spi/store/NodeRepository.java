package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * The engines (nodes) sharing a store, known by their heartbeats. A node beats every few seconds;
 * one that stays silent too long is dead, and its leases are released so that other nodes take its
 * work over long before the leases would expire. Across all tenants.
 */
public interface NodeRepository {

  /** Records that {@code nodeId} is alive at {@code now}; the first beat creates its row. */
  void heartbeat(String nodeId, Instant now);

  /** Every node with a row, in id order. */
  List<NodeRecord> list();

  /**
   * Declares dead every node whose last heartbeat is before {@code silentSince}: in one atomic step
   * per node, removes its row and releases the leases of its pending tasks (as {@link
   * DeliveryRepository#releaseLeases}). A node that beats concurrently is either released before
   * its beat (which then creates its row again) or not released at all.
   *
   * @return the ids of the nodes declared dead
   */
  List<String> releaseSilent(Instant silentSince, Instant now);
}
