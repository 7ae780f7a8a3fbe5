package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.DestinationWindowStats;
import io.hookstream.spi.store.MonitoringRepository;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The 5-minute window statistics in SQL: counts over the attempts of a time range (index {@code
 * attempts_attempted}), joined with the events when one source is asked for, and the events of a
 * range (index {@code events_received}). The latency percentile is the nearest rank, read with an
 * OFFSET after a count, which both dialects run alike. Thread-safe.
 */
public final class JdbcMonitoringRepository implements MonitoringRepository {

  private static final String COUNTS =
      "COUNT(*) AS attempts,"
          + " COALESCE(SUM(CASE WHEN a.status <> 'success' THEN 1 ELSE 0 END), 0) AS failures,"
          + " COALESCE(SUM(CASE WHEN a.dlq THEN 1 ELSE 0 END), 0) AS dead";

  private final Jdbc jdbc;
  private final String attempts;
  private final String events;

  public JdbcMonitoringRepository(Jdbc jdbc, Tables tables) {
    this.jdbc = jdbc;
    this.attempts = tables.attempts();
    this.events = tables.events();
  }

  @Override
  public WindowStats attempts(
      Scope scope, String sourceId, String destinationId, Instant from, Instant to) {
    Filter f = filter(scope, sourceId, destinationId, from, to);
    return jdbc.queryOne("SELECT " + COUNTS + f.sql, rs -> stats(rs), f.params.toArray())
        .orElse(WindowStats.EMPTY);
  }

  @Override
  public OptionalLong latencyPercentile(
      Scope scope,
      String sourceId,
      String destinationId,
      Instant from,
      Instant to,
      double percentile) {
    Filter f = filter(scope, sourceId, destinationId, from, to);
    long n = attempts(scope, sourceId, destinationId, from, to).attempts();
    if (n == 0) {
      return OptionalLong.empty();
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
    List<Object> params = new ArrayList<>(f.params);
    params.add(rank - 1);
    return jdbc.queryOne(
            "SELECT COALESCE(a.latency_ms, 0) AS ms"
                + f.sql
                + " ORDER BY COALESCE(a.latency_ms, 0) LIMIT 1 OFFSET ?",
            rs -> rs.getLong("ms"),
            params.toArray())
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  @Override
  public long events(Scope scope, String sourceId, Instant from, Instant to) {
    List<Object> params = new ArrayList<>(List.of(scope.orgId(), scope.envId(), from, to));
    String sql =
        "SELECT COUNT(*) AS n FROM "
            + events
            + " WHERE org_id = ? AND env_id = ? AND received_at >= ? AND received_at < ?"
            + " AND (dedup_status IS NULL OR dedup_status <> 'duplicate')";
    if (sourceId != null) {
      sql += " AND source_id = ?";
      params.add(sourceId);
    }
    return jdbc.queryOne(sql, rs -> rs.getLong("n"), params.toArray()).orElse(0L);
  }

  @Override
  public List<DestinationWindowStats> attemptsByDestination(
      Instant from, Instant to, int minAttempts, int limit) {
    return jdbc.query(
        "SELECT a.org_id, a.env_id, a.destination_id, "
            + COUNTS
            + " FROM "
            + attempts
            + " a WHERE a.attempted_at >= ? AND a.attempted_at < ?"
            + " AND LEFT(a.destination_id, 3) <> 'nc_'"
            + " GROUP BY a.org_id, a.env_id, a.destination_id"
            + " HAVING COUNT(*) >= ? ORDER BY a.destination_id LIMIT ?",
        rs ->
            new DestinationWindowStats(
                rs.getString("org_id"),
                rs.getString("env_id"),
                rs.getString("destination_id"),
                stats(rs)),
        from,
        to,
        minAttempts,
        limit);
  }

  /** The FROM and WHERE of one scope's attempts in a window, with their parameters. */
  private record Filter(String sql, List<Object> params) {}

  private Filter filter(
      Scope scope, String sourceId, String destinationId, Instant from, Instant to) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder(" FROM " + attempts + " a");
    if (sourceId != null) {
      sql.append(" JOIN ").append(events).append(" e ON e.id = a.event_id AND e.source_id = ?");
      params.add(sourceId);
    }
    sql.append(" WHERE a.attempted_at >= ? AND a.attempted_at < ?")
        .append(" AND a.org_id = ? AND a.env_id = ? AND LEFT(a.destination_id, 3) <> 'nc_'");
    params.addAll(List.of(from, to, scope.orgId(), scope.envId()));
    if (destinationId != null) {
      sql.append(" AND a.destination_id = ?");
      params.add(destinationId);
    }
    return new Filter(sql.toString(), params);
  }

  private static WindowStats stats(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new WindowStats(rs.getLong("attempts"), rs.getLong("failures"), rs.getLong("dead"));
  }
}
