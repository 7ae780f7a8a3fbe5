package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.DestinationRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Destinations in SQL; slugs unique among live rows, as for sources. Thread-safe. */
public final class JdbcDestinationRepository implements DestinationRepository {

  private final VersionedRows<DestinationRecord> rows;

  public JdbcDestinationRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    Columns columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "slug",
            "description",
            "type",
            "config_json:json",
            "signing_json:json",
            "retry_max_attempts",
            "retry_backoff",
            "retry_intervals:json",
            "max_in_flight",
            "ordered",
            "rate_limit_per_second",
            "disabled_reason",
            "version",
            "created_at",
            "updated_at",
            "deleted_at");
    this.rows =
        new VersionedRows<>(
            jdbc,
            tables.destinations(),
            columns,
            JdbcDestinationRepository::map,
            DestinationRecord::id);
  }

  @Override
  public void insert(DestinationRecord d) {
    rows.insert(slugTaken(d), values(d));
  }

  @Override
  public Optional<DestinationRecord> find(Scope scope, String id) {
    return rows.findLive(scope, id);
  }

  @Override
  public Optional<DestinationRecord> findById(String id) {
    return rows.findAny(id);
  }

  @Override
  public Page<DestinationRecord> list(Scope scope, PageRequest page) {
    return rows.page(rows.liveList(scope), page);
  }

  @Override
  public boolean update(DestinationRecord d) {
    return rows.update(slugTaken(d), values(d), d.version());
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return rows.softDelete(scope, id, at);
  }

  private static String slugTaken(DestinationRecord d) {
    return "destination slug already in use: " + d.slug();
  }

  private static Object[] values(DestinationRecord d) {
    RetryPolicy r = d.retry();
    Delivery del = d.delivery();
    return new Object[] {
      d.id(),
      d.orgId(),
      d.envId(),
      d.name(),
      d.slug(),
      d.description(),
      d.type(),
      d.configJson(),
      d.signingJson(),
      r == null ? null : r.maxAttempts(),
      r == null ? null : r.backoff(),
      r == null ? null : JsonCodec.write(r.intervalsSeconds()),
      del == null ? null : del.maxInFlight(),
      del == null ? null : del.ordered(),
      del == null ? null : del.rateLimitPerSecond(),
      d.disabledReason(),
      d.version(),
      d.createdAt(),
      d.updatedAt(),
      d.deletedAt()
    };
  }

  private static DestinationRecord map(ResultSet rs) throws SQLException {
    Integer maxAttempts = Jdbc.nullableInt(rs, "retry_max_attempts");
    RetryPolicy retry = null;
    if (maxAttempts != null) {
      List<Integer> intervals = new ArrayList<>();
      String json = rs.getString("retry_intervals");
      if (json != null) {
        for (Object o : (List<?>) JsonCodec.parse(json)) {
          intervals.add(((Number) o).intValue());
        }
      }
      retry = new RetryPolicy(maxAttempts, rs.getString("retry_backoff"), intervals);
    }
    Integer maxInFlight = Jdbc.nullableInt(rs, "max_in_flight");
    Delivery delivery =
        maxInFlight == null
            ? null
            : new Delivery(
                maxInFlight,
                rs.getBoolean("ordered"),
                Jdbc.nullableDouble(rs, "rate_limit_per_second"));
    return new DestinationRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("description"),
        rs.getString("type"),
        rs.getString("config_json"),
        rs.getString("signing_json"),
        retry,
        delivery,
        rs.getString("disabled_reason"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"),
        Jdbc.instant(rs, "deleted_at"));
  }
}
