package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.AlertEvaluation;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.AlertRuleRepository;
import io.hookstream.spi.store.AlertTriggerRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alert rules and their history in SQL. An evaluation is committed by a compare-and-set on the
 * rule's {@code last_window} followed, in the same transaction, by the history row and the
 * notification tasks: the node whose UPDATE matched no row (another node committed the window)
 * writes nothing. Thread-safe.
 */
public final class JdbcAlertRuleRepository implements AlertRuleRepository {

  private final Jdbc jdbc;
  private final String table;
  private final String triggers;
  private final JdbcDeliveryRepository deliveries;
  private final Columns columns;

  public JdbcAlertRuleRepository(
      Jdbc jdbc, Dialect dialect, Tables tables, JdbcDeliveryRepository deliveries) {
    this.jdbc = jdbc;
    this.table = tables.alertRules();
    this.triggers = tables.alertTriggers();
    this.deliveries = deliveries;
    this.columns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "rule_type",
            "config",
            "source_id",
            "destination_id",
            "channel_ids",
            "cooldown_minutes",
            "enabled",
            "firing",
            "last_triggered_at",
            "last_breach_at",
            "last_window",
            "created_at",
            "updated_at");
  }

  @Override
  public void insert(AlertRuleRecord r) {
    jdbc.updateOrConflict(
        "alert rule id already exists: " + r.id(),
        columns.insert(table),
        r.id(),
        r.orgId(),
        r.envId(),
        r.name(),
        r.ruleType(),
        r.configJson(),
        r.sourceId(),
        r.destinationId(),
        JsonCodec.writeStrings(r.channelIds()),
        r.cooldownMinutes(),
        r.enabled(),
        r.firing(),
        r.lastTriggeredAt(),
        r.lastBreachAt(),
        r.lastWindow(),
        r.createdAt(),
        r.updatedAt());
  }

  @Override
  public Optional<AlertRuleRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ? AND id = ?",
        JdbcAlertRuleRepository::map,
        scope.orgId(),
        scope.envId(),
        id);
  }

  @Override
  public Page<AlertRuleRecord> list(Scope scope, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .page(jdbc, page, JdbcAlertRuleRepository::map, AlertRuleRecord::id);
  }

  @Override
  public boolean update(AlertRuleRecord r) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET name = ?, rule_type = ?, config = ?, source_id = ?, destination_id = ?,"
                + " channel_ids = ?, cooldown_minutes = ?, enabled = ?, updated_at = ?"
                + " WHERE org_id = ? AND env_id = ? AND id = ?",
            r.name(),
            r.ruleType(),
            r.configJson(),
            r.sourceId(),
            r.destinationId(),
            JsonCodec.writeStrings(r.channelIds()),
            r.cooldownMinutes(),
            r.enabled(),
            r.updatedAt(),
            r.orgId(),
            r.envId(),
            r.id())
        == 1;
  }

  @Override
  public boolean delete(Scope scope, String id) {
    return jdbc.inTransaction(
        c -> {
          int deleted =
              Jdbc.update(
                  c,
                  "DELETE FROM " + table + " WHERE org_id = ? AND env_id = ? AND id = ?",
                  scope.orgId(),
                  scope.envId(),
                  id);
          if (deleted == 1) {
            Jdbc.update(c, "DELETE FROM " + triggers + " WHERE rule_id = ?", id);
          }
          return deleted == 1;
        });
  }

  @Override
  public List<AlertRuleRecord> usingChannel(Scope scope, String channelId) {
    // A scope has few rules; the channel list is a small JSON array, filtered here.
    return jdbc
        .query(
            "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ? ORDER BY id",
            JdbcAlertRuleRepository::map,
            scope.orgId(),
            scope.envId())
        .stream()
        .filter(r -> r.channelIds().contains(channelId))
        .toList();
  }

  @Override
  public List<AlertRuleRecord> dueForWindow(Instant window, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + table
            + " WHERE enabled = TRUE AND (last_window IS NULL OR last_window < ?)"
            + " ORDER BY id LIMIT ?",
        JdbcAlertRuleRepository::map,
        window,
        limit);
  }

  @Override
  public boolean commitEvaluation(AlertEvaluation e) {
    return jdbc.inTransaction(
        c -> {
          int claimed =
              Jdbc.update(
                  c,
                  "UPDATE "
                      + table
                      + " SET firing = ?, last_triggered_at = ?, last_breach_at = ?,"
                      + " last_window = ?"
                      + " WHERE org_id = ? AND env_id = ? AND id = ?"
                      + " AND (last_window IS NULL OR last_window < ?)",
                  e.firing(),
                  e.lastTriggeredAt(),
                  e.lastBreachAt(),
                  e.window(),
                  e.scope().orgId(),
                  e.scope().envId(),
                  e.ruleId(),
                  e.window());
          if (claimed != 1) {
            return false;
          }
          AlertTriggerRecord t = e.trigger();
          if (t != null) {
            Jdbc.update(
                c,
                "INSERT INTO "
                    + triggers
                    + " (id, rule_id, org_id, env_id, kind, message, triggered_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                t.id(),
                t.ruleId(),
                t.orgId(),
                t.envId(),
                t.kind(),
                t.message(),
                t.triggeredAt());
          }
          if (!e.notifications().isEmpty()) {
            deliveries.insertTasks(c, e.notifications());
          }
          return true;
        });
  }

  @Override
  public List<AlertTriggerRecord> history(Scope scope, String ruleId, int limit) {
    return jdbc.query(
        "SELECT * FROM "
            + triggers
            + " WHERE rule_id = ? AND org_id = ? AND env_id = ? ORDER BY id DESC LIMIT ?",
        rs ->
            new AlertTriggerRecord(
                rs.getString("id"),
                rs.getString("rule_id"),
                rs.getString("org_id"),
                rs.getString("env_id"),
                rs.getString("kind"),
                rs.getString("message"),
                Jdbc.instant(rs, "triggered_at")),
        ruleId,
        scope.orgId(),
        scope.envId(),
        limit);
  }

  private static AlertRuleRecord map(ResultSet rs) throws SQLException {
    return new AlertRuleRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("rule_type"),
        rs.getString("config"),
        rs.getString("source_id"),
        rs.getString("destination_id"),
        JsonCodec.readStrings(rs.getString("channel_ids")),
        rs.getInt("cooldown_minutes"),
        rs.getBoolean("enabled"),
        rs.getBoolean("firing"),
        Jdbc.instant(rs, "last_triggered_at"),
        Jdbc.instant(rs, "last_breach_at"),
        Jdbc.instant(rs, "last_window"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
