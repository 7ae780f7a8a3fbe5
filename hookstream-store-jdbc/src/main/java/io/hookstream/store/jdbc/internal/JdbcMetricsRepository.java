package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.MetricsRepository;
import io.hookstream.spi.store.MetricsRollupRecord;
import io.hookstream.spi.store.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Metrics in SQL: raw counts and attempt scans over the {@code (org_id, env_id, time)} indexes,
 * rollups upserted by their bucket key, watermarks that only move forward. Thread-safe.
 */
public final class JdbcMetricsRepository implements MetricsRepository {

  /** Rows fetched per round trip while streaming attempts. */
  private static final int FETCH_SIZE = 1_000;

  private static final List<String> ROLLUP_COLUMNS =
      List.of(
          "bucket_key",
          "org_id",
          "env_id",
          "granularity",
          "bucket_start",
          "dimension",
          "dimension_id",
          "event_count",
          "delivery_count",
          "success_count",
          "failed_count",
          "latency_count",
          "latency_sum_ms",
          "latency_sketch");

  private final Jdbc jdbc;
  private final Tables tables;
  private final String upsertRollup;
  private final String insertWatermark;

  public JdbcMetricsRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.upsertRollup = dialect.upsert(tables.metricsRollups(), "bucket_key", ROLLUP_COLUMNS);
    this.insertWatermark =
        dialect.insertIfAbsent(tables.metricsWatermarks(), List.of("name", "reached"));
  }

  @Override
  public Map<Instant, Map<String, Long>> countEventsByHour(Scope scope, Instant from, Instant to) {
    Map<Instant, Map<String, Long>> counts = new HashMap<>();
    // Hours since the epoch, computed the same way by PostgreSQL and H2.
    jdbc.query(
        "SELECT source_id, h, COUNT(*) AS n FROM (SELECT source_id,"
            + " CAST(FLOOR(EXTRACT(EPOCH FROM received_at) / 3600) AS BIGINT) AS h FROM "
            + tables.events()
            + " WHERE org_id = ? AND env_id = ? AND received_at >= ? AND received_at < ?) t"
            + " GROUP BY source_id, h",
        rs ->
            counts
                .computeIfAbsent(
                    Instant.ofEpochSecond(rs.getLong("h") * 3600), k -> new HashMap<>())
                .put(rs.getString("source_id"), rs.getLong("n")),
        scope.orgId(),
        scope.envId(),
        from,
        to);
    return counts;
  }

  @Override
  public void forEachAttempt(Scope scope, Instant from, Instant to, Consumer<AttemptSample> sink) {
    String sql =
        "SELECT destination_id, status, latency_ms, attempted_at FROM "
            + tables.attempts()
            + " WHERE org_id = ? AND env_id = ? AND attempted_at >= ? AND attempted_at < ?";
    // In a transaction, so that PostgreSQL streams the rows through a cursor of FETCH_SIZE.
    jdbc.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            Jdbc.bind(ps, scope.orgId(), scope.envId(), from, to);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                sink.accept(
                    new AttemptSample(
                        rs.getString("destination_id"),
                        "success".equals(rs.getString("status")),
                        Jdbc.nullableLong(rs, "latency_ms"),
                        Jdbc.instant(rs, "attempted_at")));
              }
            }
          }
          return null;
        });
  }

  @Override
  public Optional<Instant> oldestEventAt() {
    return jdbc.queryOne(
            "SELECT MIN(received_at) AS oldest FROM " + tables.events(),
            rs -> Optional.ofNullable(Jdbc.instant(rs, "oldest")))
        .flatMap(o -> o);
  }

  @Override
  public ResourceCounts resourceCounts(Scope scope) {
    return new ResourceCounts(
        count(tables.sources(), "deleted_at IS NULL", scope),
        count(tables.destinations(), "deleted_at IS NULL", scope),
        count(tables.tasks(), "status = 'dead'", scope),
        count(tables.collections(), "1 = 1", scope));
  }

  private long count(String table, String condition, Scope scope) {
    return jdbc.queryOne(
            "SELECT COUNT(*) AS n FROM "
                + table
                + " WHERE org_id = ? AND env_id = ? AND "
                + condition,
            rs -> rs.getLong("n"),
            scope.orgId(),
            scope.envId())
        .orElse(0L);
  }

  @Override
  public void upsert(List<MetricsRollupRecord> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> params = new ArrayList<>(rows.size());
    for (MetricsRollupRecord r : rows) {
      params.add(
          new Object[] {
            r.key(),
            r.orgId(),
            r.envId(),
            r.granularity(),
            r.bucketStart(),
            r.dimension(),
            r.dimensionId(),
            r.eventCount(),
            r.deliveryCount(),
            r.successCount(),
            r.failedCount(),
            r.latencyCount(),
            r.latencySumMs(),
            r.latencySketch()
          });
    }
    jdbc.inTransaction(
        c -> {
          Jdbc.batch(c, upsertRollup, params);
          return null;
        });
  }

  @Override
  public List<MetricsRollupRecord> rollups(
      Scope scope, String granularity, Instant from, Instant to) {
    return jdbc.query(
        "SELECT * FROM "
            + tables.metricsRollups()
            + " WHERE org_id = ? AND env_id = ? AND granularity = ?"
            + " AND bucket_start >= ? AND bucket_start < ?"
            + " ORDER BY bucket_start, dimension, dimension_id",
        JdbcMetricsRepository::rollup,
        scope.orgId(),
        scope.envId(),
        granularity,
        from,
        to);
  }

  private static MetricsRollupRecord rollup(ResultSet rs) throws SQLException {
    return new MetricsRollupRecord(
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("granularity"),
        Jdbc.instant(rs, "bucket_start"),
        rs.getString("dimension"),
        rs.getString("dimension_id"),
        rs.getLong("event_count"),
        rs.getLong("delivery_count"),
        rs.getLong("success_count"),
        rs.getLong("failed_count"),
        rs.getLong("latency_count"),
        rs.getLong("latency_sum_ms"),
        rs.getBytes("latency_sketch"));
  }

  @Override
  public Optional<Instant> watermark(String name) {
    return jdbc.queryOne(
        "SELECT reached FROM " + tables.metricsWatermarks() + " WHERE name = ?",
        rs -> Jdbc.instant(rs, "reached"),
        name);
  }

  @Override
  public void advanceWatermark(String name, Instant at) {
    if (moveForward(name, at) > 0) {
      return;
    }
    try {
      if (jdbc.updateOrConflict("watermark exists", insertWatermark, name, at) > 0) {
        return;
      }
    } catch (HookstreamException e) {
      if (e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
    }
    moveForward(name, at); // another node inserted it first
  }

  private int moveForward(String name, Instant at) {
    return jdbc.update(
        "UPDATE " + tables.metricsWatermarks() + " SET reached = ? WHERE name = ? AND reached < ?",
        at,
        name,
        at);
  }
}
