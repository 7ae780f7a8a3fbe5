package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import io.hookstream.spi.store.TopicRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Topics and subscriptions in SQL; the outbox writes through the events' own insert. */
public final class JdbcTopicRepository implements TopicRepository {

  private final Jdbc jdbc;
  private final String topics;
  private final String subscriptions;
  private final Columns topicColumns;
  private final Columns subscriptionColumns;
  private final JdbcEventRepository events;

  public JdbcTopicRepository(
      Jdbc jdbc, Dialect dialect, Tables tables, JdbcEventRepository events) {
    this.jdbc = jdbc;
    this.topics = tables.topics();
    this.subscriptions = tables.subscriptions();
    this.events = events;
    this.topicColumns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "name",
            "slug",
            "description",
            "version",
            "created_at",
            "updated_at");
    this.subscriptionColumns =
        Columns.of(
            dialect,
            "id",
            "org_id",
            "env_id",
            "topic_id",
            "destination_id",
            "filter_rules:json",
            "transform_expression",
            "active",
            "version",
            "created_at",
            "updated_at");
  }

  @Override
  public void insert(TopicRecord t) {
    jdbc.updateOrConflict(slugTaken(t), topicColumns.insert(topics), values(t));
  }

  @Override
  public Optional<TopicRecord> find(Scope scope, String id) {
    return jdbc.queryOne(
        "SELECT * FROM " + topics + " WHERE id = ? AND org_id = ? AND env_id = ?",
        JdbcTopicRepository::topic,
        id,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public Optional<TopicRecord> findBySlug(Scope scope, String slug) {
    return jdbc.queryOne(
        "SELECT * FROM " + topics + " WHERE org_id = ? AND env_id = ? AND slug = ?",
        JdbcTopicRepository::topic,
        scope.orgId(),
        scope.envId(),
        slug);
  }

  @Override
  public Page<TopicRecord> list(Scope scope, PageRequest page) {
    return new ListQuery(
            "SELECT * FROM " + topics + " WHERE org_id = ? AND env_id = ?",
            scope.orgId(),
            scope.envId())
        .page(jdbc, page, JdbcTopicRepository::topic, TopicRecord::id);
  }

  @Override
  public boolean update(TopicRecord t) {
    Object[] v = values(t);
    return jdbc.updateOrConflict(
            slugTaken(t),
            "UPDATE "
                + topics
                + " SET "
                + topicColumns.assignments("id", "org_id", "env_id")
                + " WHERE id = ? AND org_id = ? AND env_id = ? AND version = ?",
            VersionedRows.updateParams(v, t.id(), t.orgId(), t.envId(), t.version() - 1))
        == 1;
  }

  @Override
  public Optional<List<SubscriptionRecord>> delete(Scope scope, String id) {
    return jdbc.inTransaction(
        c -> {
          List<SubscriptionRecord> subs =
              Jdbc.query(
                  c,
                  "SELECT * FROM "
                      + subscriptions
                      + " WHERE topic_id = ? AND org_id = ? AND env_id = ? ORDER BY id",
                  JdbcTopicRepository::subscription,
                  id,
                  scope.orgId(),
                  scope.envId());
          int deleted =
              Jdbc.update(
                  c,
                  "DELETE FROM " + topics + " WHERE id = ? AND org_id = ? AND env_id = ?",
                  id,
                  scope.orgId(),
                  scope.envId());
          if (deleted == 0) {
            return Optional.<List<SubscriptionRecord>>empty();
          }
          Jdbc.update(
              c,
              "DELETE FROM " + subscriptions + " WHERE topic_id = ? AND org_id = ? AND env_id = ?",
              id,
              scope.orgId(),
              scope.envId());
          return Optional.of(subs);
        });
  }

  @Override
  public void insertSubscription(SubscriptionRecord s) {
    jdbc.updateOrConflict(
        "subscription exists: " + s.id(), subscriptionColumns.insert(subscriptions), values(s));
  }

  @Override
  public Optional<SubscriptionRecord> findSubscription(Scope scope, String topicId, String id) {
    return jdbc.queryOne(
        "SELECT * FROM "
            + subscriptions
            + " WHERE id = ? AND topic_id = ? AND org_id = ? AND env_id = ?",
        JdbcTopicRepository::subscription,
        id,
        topicId,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public List<SubscriptionRecord> subscriptions(Scope scope, String topicId) {
    return jdbc.query(
        "SELECT * FROM "
            + subscriptions
            + " WHERE topic_id = ? AND org_id = ? AND env_id = ? ORDER BY id",
        JdbcTopicRepository::subscription,
        topicId,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public Map<String, Integer> subscriptionCounts(Scope scope, List<String> topicIds) {
    Map<String, Integer> counts = new HashMap<>();
    if (topicIds.isEmpty()) {
      return counts;
    }
    Object[] params = new Object[topicIds.size() + 2];
    params[0] = scope.orgId();
    params[1] = scope.envId();
    for (int i = 0; i < topicIds.size(); i++) {
      params[i + 2] = topicIds.get(i);
    }
    jdbc.query(
        "SELECT topic_id, COUNT(*) AS n FROM "
            + subscriptions
            + " WHERE org_id = ? AND env_id = ? AND topic_id IN ("
            + "?,".repeat(topicIds.size() - 1)
            + "?) GROUP BY topic_id",
        rs -> counts.put(rs.getString("topic_id"), rs.getInt("n")),
        params);
    return counts;
  }

  @Override
  public boolean updateSubscription(SubscriptionRecord s) {
    Object[] v = values(s);
    return jdbc.update(
            "UPDATE "
                + subscriptions
                + " SET "
                + subscriptionColumns.assignments("id", "org_id", "env_id")
                + " WHERE id = ? AND org_id = ? AND env_id = ? AND topic_id = ? AND version = ?",
            VersionedRows.updateParams(
                v, s.id(), s.orgId(), s.envId(), s.topicId(), s.version() - 1))
        == 1;
  }

  @Override
  public boolean deleteSubscription(Scope scope, String topicId, String id) {
    return jdbc.update(
            "DELETE FROM "
                + subscriptions
                + " WHERE id = ? AND topic_id = ? AND org_id = ? AND env_id = ?",
            id,
            topicId,
            scope.orgId(),
            scope.envId())
        == 1;
  }

  @Override
  public int deleteSubscriptionsOfDestination(Scope scope, String destinationId) {
    return jdbc.update(
        "DELETE FROM " + subscriptions + " WHERE destination_id = ? AND org_id = ? AND env_id = ?",
        destinationId,
        scope.orgId(),
        scope.envId());
  }

  @Override
  public void insertRoutedIn(Connection transaction, EventRecord event, List<DeliveryTask> tasks) {
    try {
      if (transaction.getAutoCommit()) {
        throw new HookstreamException(
            ErrorCode.BAD_REQUEST,
            "the connection is in auto-commit mode; publish inside a transaction"
                + " (setAutoCommit(false)) so the event commits or rolls back with it");
      }
      events.writeRouted(transaction, event, tasks);
    } catch (SQLException e) {
      throw Jdbc.translate(e);
    }
  }

  private static String slugTaken(TopicRecord t) {
    return "topic slug already exists: " + t.slug();
  }

  private static Object[] values(TopicRecord t) {
    return new Object[] {
      t.id(),
      t.orgId(),
      t.envId(),
      t.name(),
      t.slug(),
      t.description(),
      t.version(),
      t.createdAt(),
      t.updatedAt()
    };
  }

  private static Object[] values(SubscriptionRecord s) {
    return new Object[] {
      s.id(),
      s.orgId(),
      s.envId(),
      s.topicId(),
      s.destinationId(),
      s.filterRulesJson(),
      s.transformExpression(),
      s.active(),
      s.version(),
      s.createdAt(),
      s.updatedAt()
    };
  }

  private static TopicRecord topic(ResultSet rs) throws SQLException {
    return new TopicRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("description"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }

  private static SubscriptionRecord subscription(ResultSet rs) throws SQLException {
    return new SubscriptionRecord(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("env_id"),
        rs.getString("topic_id"),
        rs.getString("destination_id"),
        rs.getString("filter_rules"),
        rs.getString("transform_expression"),
        rs.getBoolean("active"),
        rs.getLong("version"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
