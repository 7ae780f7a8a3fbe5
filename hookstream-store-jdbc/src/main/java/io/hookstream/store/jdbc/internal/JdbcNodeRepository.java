package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.NodeRecord;
import io.hookstream.spi.store.NodeRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Node heartbeats in SQL: a beat is an upsert of the node's row. Declaring a node dead is one
 * transaction per node: a DELETE guarded by the stale heartbeat, then, only if it removed the row,
 * the release of the node's leases. A beat committed first makes the DELETE match nothing (both
 * databases re-check the row they wait for), so a live node is never released. Thread-safe.
 */
public final class JdbcNodeRepository implements NodeRepository {

  private final Jdbc jdbc;
  private final String table;
  private final String upsert;
  private final JdbcDeliveryRepository deliveries;

  public JdbcNodeRepository(
      Jdbc jdbc, Dialect dialect, Tables tables, JdbcDeliveryRepository deliveries) {
    this.jdbc = jdbc;
    this.table = tables.nodes();
    this.upsert = dialect.upsert(table, "id", List.of("id", "last_heartbeat_at"));
    this.deliveries = deliveries;
  }

  @Override
  public void heartbeat(String nodeId, Instant now) {
    jdbc.update(upsert, nodeId, now);
  }

  @Override
  public List<NodeRecord> list() {
    return jdbc.query(
        "SELECT id, last_heartbeat_at FROM " + table + " ORDER BY id",
        rs -> new NodeRecord(rs.getString("id"), Jdbc.instant(rs, "last_heartbeat_at")));
  }

  @Override
  public List<String> releaseSilent(Instant silentSince, Instant now) {
    List<String> candidates =
        jdbc.query(
            "SELECT id FROM " + table + " WHERE last_heartbeat_at < ? ORDER BY id",
            rs -> rs.getString(1),
            silentSince);
    List<String> dead = new ArrayList<>();
    for (String id : candidates) {
      boolean released =
          jdbc.inTransaction(
              c -> {
                if (Jdbc.update(
                        c,
                        "DELETE FROM " + table + " WHERE id = ? AND last_heartbeat_at < ?",
                        id,
                        silentSince)
                    != 1) {
                  return false; // it beat meanwhile, or another node released it first
                }
                deliveries.releaseLeases(c, id, now);
                return true;
              });
      if (released) {
        dead.add(id);
      }
    }
    return dead;
  }
}
