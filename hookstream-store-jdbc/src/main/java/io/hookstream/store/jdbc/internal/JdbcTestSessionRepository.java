package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TestRequestQuery;
import io.hookstream.spi.store.TestRequestRecord;
import io.hookstream.spi.store.TestSessionRecord;
import io.hookstream.spi.store.TestSessionRepository;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Test sessions in SQL. A request is admitted by one UPDATE of the session's count guarded by its
 * expiry and limit, and stored in the same transaction, so racing requests cannot pass the limit.
 * Thread-safe.
 */
public final class JdbcTestSessionRepository implements TestSessionRepository {

  private final Jdbc jdbc;
  private final Dialect dialect;
  private final String sessions;
  private final String requests;
  private final Columns sessionColumns;
  private final Columns requestColumns;

  public JdbcTestSessionRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.dialect = dialect;
    this.sessions = tables.testSessions();
    this.requests = tables.testRequests();
    this.sessionColumns =
        Columns.of(
            dialect,
            "id",
            "creator_ip",
            "request_limit",
            "request_count",
            "created_at",
            "expires_at",
            "response_status",
            "response_content_type",
            "response_body",
            "response_headers",
            "forward_url",
            "forward_enabled",
            "org_id",
            "env_id",
            "source_id",
            "claimed_at");
    this.requestColumns =
        Columns.of(
            dialect,
            "id",
            "session_id",
            "method",
            "path",
            "headers",
            "query",
            "content_type",
            "client_ip",
            "body",
            "received_at",
            "provider",
            "response_status",
            "note",
            "forward_url",
            "forward_status",
            "forward_latency",
            "forward_body",
            "forward_error",
            "forward_at");
  }

  @Override
  public void insert(TestSessionRecord s) {
    jdbc.updateOrConflict(
        "test session id already exists: " + s.id(),
        sessionColumns.insert(sessions),
        s.id(),
        s.creatorIp(),
        s.requestLimit(),
        s.requestCount(),
        s.createdAt(),
        s.expiresAt(),
        s.responseStatus(),
        s.responseContentType(),
        s.responseBody(),
        JsonCodec.write(s.responseHeaders()),
        s.forwardUrl(),
        s.forwardEnabled(),
        s.orgId(),
        s.envId(),
        s.sourceId(),
        s.claimedAt());
  }

  @Override
  public Optional<TestSessionRecord> find(String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + sessions + " WHERE id = ?", JdbcTestSessionRepository::session, id);
  }

  @Override
  public boolean updateSettings(TestSessionRecord s) {
    return jdbc.update(
            "UPDATE "
                + sessions
                + " SET response_status = ?, response_content_type = ?, response_body = ?,"
                + " response_headers = ?, forward_url = ?, forward_enabled = ? WHERE id = ?",
            s.responseStatus(),
            s.responseContentType(),
            s.responseBody(),
            JsonCodec.write(s.responseHeaders()),
            s.forwardUrl(),
            s.forwardEnabled(),
            s.id())
        == 1;
  }

  @Override
  public boolean delete(String id) {
    return jdbc.inTransaction(
        c -> {
          Jdbc.update(c, "DELETE FROM " + requests + " WHERE session_id = ?", id);
          return Jdbc.update(c, "DELETE FROM " + sessions + " WHERE id = ?", id) == 1;
        });
  }

  @Override
  public Admission record(TestRequestRecord r, Instant now) {
    return jdbc.inTransaction(
        c -> {
          int counted =
              Jdbc.update(
                  c,
                  "UPDATE "
                      + sessions
                      + " SET request_count = request_count + 1 WHERE id = ? AND (org_id IS NOT"
                      + " NULL OR (expires_at > ? AND request_count < request_limit))",
                  r.sessionId(),
                  now);
          if (counted == 0) {
            Optional<TestSessionRecord> s =
                Jdbc.query(
                        c,
                        "SELECT * FROM " + sessions + " WHERE id = ?",
                        JdbcTestSessionRepository::session,
                        r.sessionId())
                    .stream()
                    .findFirst();
            if (s.isEmpty()) {
              return Admission.UNKNOWN;
            }
            return s.get().expiresAt().isAfter(now) ? Admission.FULL : Admission.EXPIRED;
          }
          Jdbc.update(c, requestColumns.insert(requests), values(r));
          return Admission.RECORDED;
        });
  }

  @Override
  public Page<TestRequestRecord> requests(String sessionId, TestRequestQuery q, PageRequest page) {
    ListQuery query =
        new ListQuery("SELECT * FROM " + requests + " WHERE session_id = ?", sessionId)
            .andIf(q.method(), "method = ?");
    if (q.statusClass() != null) {
      query.and(
          "response_status >= ? AND response_status < ?",
          q.statusClass() * 100,
          q.statusClass() * 100 + 100);
    }
    if (q.search() != null && !q.search().isEmpty()) {
      query.and(
          "(LOWER(headers) LIKE ? ESCAPE '\\' OR " + dialect.binaryContains("body") + ")",
          "%" + Jdbc.likePrefix(q.search().toLowerCase(Locale.ROOT)),
          q.search().getBytes(StandardCharsets.UTF_8));
    }
    return query.page(jdbc, page, JdbcTestSessionRepository::request, TestRequestRecord::id);
  }

  @Override
  public List<TestRequestRecord> oldestFirst(String sessionId, String afterId, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + requests
            + " WHERE session_id = ? AND id > ? ORDER BY session_id, id LIMIT ?",
        JdbcTestSessionRepository::request,
        sessionId,
        afterId == null ? "" : afterId,
        limit);
  }

  @Override
  public Optional<TestRequestRecord> findRequest(String sessionId, String requestId) {
    return jdbc.queryOne(
        "SELECT * FROM " + requests + " WHERE session_id = ? AND id = ?",
        JdbcTestSessionRepository::request,
        sessionId,
        requestId);
  }

  @Override
  public boolean setNote(String sessionId, String requestId, String note) {
    return jdbc.update(
            "UPDATE " + requests + " SET note = ? WHERE session_id = ? AND id = ?",
            note,
            sessionId,
            requestId)
        == 1;
  }

  @Override
  public boolean setForward(String sessionId, String requestId, TestRequestRecord.Forward f) {
    return jdbc.update(
            "UPDATE "
                + requests
                + " SET forward_url = ?, forward_status = ?, forward_latency = ?,"
                + " forward_body = ?, forward_error = ?, forward_at = ?"
                + " WHERE session_id = ? AND id = ?",
            f.url(),
            f.status(),
            f.latencyMs(),
            f.body(),
            f.error(),
            f.at(),
            sessionId,
            requestId)
        == 1;
  }

  @Override
  public boolean claim(String id, Scope scope, String sourceId, Instant now) {
    return jdbc.update(
            "UPDATE "
                + sessions
                + " SET org_id = ?, env_id = ?, source_id = ?, claimed_at = ?"
                + " WHERE id = ? AND org_id IS NULL",
            scope.orgId(),
            scope.envId(),
            sourceId,
            now,
            id)
        == 1;
  }

  @Override
  public int purgeExpired(Instant now, int limit) {
    List<String> due =
        jdbc.query(
            "SELECT id FROM "
                + sessions
                + " WHERE org_id IS NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?",
            rs -> rs.getString(1),
            now,
            limit);
    int purged = 0;
    for (String id : due) {
      boolean gone =
          jdbc.inTransaction(
              c -> {
                // Guarded again: a claim may have won since the SELECT.
                if (Jdbc.update(
                        c,
                        "DELETE FROM "
                            + sessions
                            + " WHERE id = ? AND org_id IS NULL AND expires_at <= ?",
                        id,
                        now)
                    == 0) {
                  return false;
                }
                Jdbc.update(c, "DELETE FROM " + requests + " WHERE session_id = ?", id);
                return true;
              });
      purged += gone ? 1 : 0;
    }
    return purged;
  }

  private static Object[] values(TestRequestRecord r) {
    TestRequestRecord.Forward f = r.forward();
    return new Object[] {
      r.id(),
      r.sessionId(),
      r.method(),
      r.path(),
      JsonCodec.writeMultimap(r.headers()),
      JsonCodec.writeMultimap(r.query()),
      r.contentType(),
      r.clientIp(),
      r.body(),
      r.receivedAt(),
      r.provider(),
      r.responseStatus(),
      r.note(),
      f == null ? null : f.url(),
      f == null ? null : f.status(),
      f == null ? null : f.latencyMs(),
      f == null ? null : f.body(),
      f == null ? null : f.error(),
      f == null ? null : f.at()
    };
  }

  private static TestSessionRecord session(ResultSet rs) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>();
    JsonCodec.asMap(JsonCodec.parse(rs.getString("response_headers")))
        .forEach((k, v) -> headers.put(k, String.valueOf(v)));
    return new TestSessionRecord(
        rs.getString("id"),
        rs.getString("creator_ip"),
        rs.getInt("request_limit"),
        rs.getInt("request_count"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "expires_at"),
        rs.getInt("response_status"),
        rs.getString("response_content_type"),
        rs.getString("response_body"),
        headers,
        rs.getString("forward_url"),
        rs.getBoolean("forward_enabled"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("source_id"),
        Jdbc.instant(rs, "claimed_at"));
  }

  private static TestRequestRecord request(ResultSet rs) throws SQLException {
    Instant forwardAt = Jdbc.instant(rs, "forward_at");
    TestRequestRecord.Forward forward =
        forwardAt == null
            ? null
            : new TestRequestRecord.Forward(
                rs.getString("forward_url"),
                Jdbc.nullableInt(rs, "forward_status"),
                rs.getLong("forward_latency"),
                rs.getString("forward_body"),
                rs.getString("forward_error"),
                forwardAt);
    return new TestRequestRecord(
        rs.getString("id"),
        rs.getString("session_id"),
        rs.getString("method"),
        rs.getString("path"),
        JsonCodec.readMultimap(rs.getString("headers")),
        JsonCodec.readMultimap(rs.getString("query")),
        rs.getString("content_type"),
        rs.getString("client_ip"),
        rs.getBytes("body"),
        Jdbc.instant(rs, "received_at"),
        rs.getString("provider"),
        rs.getInt("response_status"),
        rs.getString("note"),
        forward);
  }
}
