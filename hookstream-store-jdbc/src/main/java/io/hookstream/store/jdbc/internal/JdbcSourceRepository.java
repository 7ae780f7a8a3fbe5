package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sources in SQL. Verification and dedup settings are JSON objects; the slug is unique among live
 * rows through a partial (PostgreSQL) or generated-column (H2) unique index. Thread-safe.
 */
public final class JdbcSourceRepository implements SourceRepository {

  private static final String[] SPECS = {
    "id",
    "org_id",
    "env_id",
    "name",
    "slug",
    "description",
    "template",
    "verification:json",
    "ip_allowlist:json",
    "ip_denylist:json",
    "dedup:json",
    "schema_enabled",
    "schema_json:json",
    "schema_action",
    "version",
    "created_at",
    "updated_at",
    "deleted_at"
  };

  private final Jdbc jdbc;
  private final String eventsTable;
  private final VersionedRows<SourceRecord> rows;

  public JdbcSourceRepository(Jdbc jdbc, Dialect dialect, Tables tables) {
    this.jdbc = jdbc;
    this.eventsTable = tables.events();
    this.rows =
        new VersionedRows<>(
            jdbc,
            tables.sources(),
            Columns.of(dialect, SPECS),
            JdbcSourceRepository::map,
            SourceRecord::id);
  }

  @Override
  public void insert(SourceRecord s) {
    rows.insert(slugTaken(s), values(s));
  }

  @Override
  public Optional<SourceRecord> find(Scope scope, String id) {
    return rows.findLive(scope, id);
  }

  @Override
  public Optional<SourceRecord> findForIngest(String id) {
    return rows.findAny(id);
  }

  @Override
  public Page<SourceRecord> list(Scope scope, PageRequest page) {
    return rows.page(rows.liveList(scope), page);
  }

  @Override
  public boolean update(SourceRecord s) {
    return rows.update(slugTaken(s), values(s), s.version());
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return rows.softDelete(scope, id, at);
  }

  @Override
  public long countEvents(Scope scope, String sourceId) {
    return jdbc.queryOne(
            "SELECT COUNT(*) AS n FROM "
                + eventsTable
                + " WHERE org_id = ? AND env_id = ? AND source_id = ?",
            rs -> rs.getLong("n"),
            scope.orgId(),
            scope.envId(),
            sourceId)
        .orElse(0L);
  }

  private static String slugTaken(SourceRecord s) {
    return "source slug already in use: " + s.slug();
  }

  private static Object[] values(SourceRecord s) {
    SourceRecord.Schema schema = s.schema();
    return new Object[] {
      s.id(),
      s.orgId(),
      s.envId(),
      s.name(),
      s.slug(),
      s.description(),
      s.template(),
      verification(s.verification()),
      JsonCodec.writeStrings(s.ipAllowlist()),
      JsonCodec.writeStrings(s.ipDenylist()),
      dedup(s.dedup()),
      schema == null ? null : schema.enabled(),
      schema == null ? null : schema.jsonSchema(),
      schema == null ? null : schema.action(),
      s.version(),
      s.createdAt(),
      s.updatedAt(),
      s.deletedAt()
    };
  }

  private static String verification(SourceRecord.Verification v) {
    if (v == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", v.type());
    m.put("secret", v.secret());
    m.put("header", v.header());
    m.put("encoding", v.encoding());
    m.put("prefix", v.prefix());
    m.put("timestamp_header", v.timestampHeader());
    m.put("tolerance_seconds", v.toleranceSeconds());
    return JsonCodec.write(m);
  }

  private static String dedup(SourceRecord.Dedup d) {
    if (d == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", d.strategy());
    m.put("field", d.field());
    m.put("window_seconds", d.windowSeconds());
    return JsonCodec.write(m);
  }

  private static SourceRecord map(ResultSet rs) throws SQLException {
    SourceRecord.Verification verification = null;
    String v = rs.getString("verification");
    if (v != null) {
      Map<String, Object> m = JsonCodec.asMap(JsonCodec.parse(v));
      Number tolerance = (Number) m.get("tolerance_seconds");
      verification =
          new SourceRecord.Verification(
              (String) m.get("type"),
              (String) m.get("secret"),
              (String) m.get("header"),
              (String) m.get("encoding"),
              (String) m.get("prefix"),
              (String) m.get("timestamp_header"),
              tolerance == null ? null : tolerance.intValue());
    }
    SourceRecord.Dedup dedup = null;
    String d = rs.getString("dedup");
    if (d != null) {
      Map<String, Object> m = JsonCodec.asMap(JsonCodec.parse(d));
      dedup =
          new SourceRecord.Dedup(
              (String) m.get("strategy"),
              (String) m.get("field"),
              ((Number) m.get("window_seconds")).intValue());
    }
    boolean schemaEnabled = rs.getBoolean("schema_enabled");
    SourceRecord.Schema schema =
        rs.wasNull()
            ? null
            : new SourceRecord.Schema(
                schemaEnabled, rs.getString("schema_json"), rs.getString("schema_action"));
    List<String> allow = JsonCodec.readStrings(rs.getString("ip_allowlist"));
    List<String> deny = JsonCodec.readStrings(rs.getString("ip_denylist"));
    return new SourceRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("description"),
        rs.getString("template"),
        verification,
        allow,
        deny,
        dedup,
        schema,
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"),
        Jdbc.instant(rs, "deleted_at"));
  }
}
