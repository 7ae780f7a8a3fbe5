package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.ScheduledSendRecord;
import io.hookstream.spi.store.ScheduledSendRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled sends in SQL. A claim reads due candidates, then leases each with an UPDATE that
 * re-checks "pending and not leased": both databases re-evaluate that condition on the row they
 * waited for, so of two nodes racing for a send exactly one UPDATE counts a row. Thread-safe.
 */
public final class JdbcScheduledSendRepository implements ScheduledSendRepository {

  private static final String FREE = "(lease_owner IS NULL OR lease_expires_at <= ?)";

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;

  public JdbcScheduledSendRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.table = tables.scheduledSends();
    this.columns =
        Columns.of(
            dialect,
            "id",
            "url",
            "method",
            "headers",
            "body",
            "fires_at",
            "status",
            "response_status",
            "latency_ms",
            "error",
            "lease_owner",
            "lease_expires_at",
            "created_at",
            "completed_at");
  }

  @Override
  public void insert(ScheduledSendRecord s) {
    jdbc.updateOrConflict(
        "scheduled send id already exists: " + s.id(),
        columns.insert(table),
        s.id(),
        s.url(),
        s.method(),
        JsonCodec.write(s.headers()),
        s.body(),
        s.firesAt(),
        s.status(),
        s.responseStatus(),
        s.latencyMs(),
        s.error(),
        s.leaseOwner(),
        s.leaseExpiresAt(),
        s.createdAt(),
        s.completedAt());
  }

  @Override
  public Optional<ScheduledSendRecord> find(String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE id = ?", JdbcScheduledSendRepository::map, id);
  }

  @Override
  public List<ScheduledSendRecord> claimDue(
      String owner, Instant now, Instant leaseUntil, int limit) {
    List<ScheduledSendRecord> due =
        jdbc.query(
            "SELECT * FROM "
                + table
                + " WHERE status = 'pending' AND fires_at <= ? AND "
                + FREE
                + " ORDER BY fires_at, id LIMIT ?",
            JdbcScheduledSendRepository::map,
            now,
            now,
            limit);
    List<ScheduledSendRecord> claimed = new ArrayList<>();
    for (ScheduledSendRecord s : due) {
      int won =
          jdbc.update(
              "UPDATE "
                  + table
                  + " SET lease_owner = ?, lease_expires_at = ?"
                  + " WHERE id = ? AND status = 'pending' AND "
                  + FREE,
              owner,
              leaseUntil,
              s.id(),
              now);
      if (won == 1) {
        claimed.add(s.leased(owner, leaseUntil));
      }
    }
    return claimed;
  }

  @Override
  public boolean finish(
      String id,
      String owner,
      String status,
      Integer responseStatus,
      Long latencyMs,
      String error,
      Instant completedAt) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET status = ?, response_status = ?, latency_ms = ?, error = ?,"
                + " completed_at = ?, lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE id = ? AND status = 'pending' AND lease_owner = ?",
            status,
            responseStatus,
            latencyMs,
            error,
            completedAt,
            id,
            owner)
        == 1;
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff) {
    return jdbc.update(
        "DELETE FROM " + table + " WHERE status <> 'pending' AND completed_at < ?", cutoff);
  }

  private static ScheduledSendRecord map(ResultSet rs) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>();
    JsonCodec.asMap(JsonCodec.parse(rs.getString("headers")))
        .forEach((k, v) -> headers.put(k, String.valueOf(v)));
    return new ScheduledSendRecord(
        rs.getString("id"),
        rs.getString("url"),
        rs.getString("method"),
        headers,
        rs.getString("body"),
        Jdbc.instant(rs, "fires_at"),
        rs.getString("status"),
        Jdbc.nullableInt(rs, "response_status"),
        Jdbc.nullableLong(rs, "latency_ms"),
        rs.getString("error"),
        rs.getString("lease_owner"),
        Jdbc.instant(rs, "lease_expires_at"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "completed_at"));
  }
}
