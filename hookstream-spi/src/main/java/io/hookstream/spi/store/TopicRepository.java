package io.hookstream.spi.store;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Topics and their subscriptions. */
public interface TopicRepository {

  /** CONFLICT if the id or the slug is taken in the topic's environment. */
  void insert(TopicRecord topic);

  Optional<TopicRecord> find(Scope scope, String id);

  Optional<TopicRecord> findBySlug(Scope scope, String slug);

  /** Topics newest first. */
  Page<TopicRecord> list(Scope scope, PageRequest page);

  /** Replaces the topic if its stored version is {@code topic.version() - 1}. */
  boolean update(TopicRecord topic);

  /**
   * Deletes the topic and its subscriptions in one step and returns the subscriptions it had; empty
   * if the topic is unknown. Tasks already created through them are the caller's to stop.
   */
  Optional<List<SubscriptionRecord>> delete(Scope scope, String id);

  /** CONFLICT if the id is taken. */
  void insertSubscription(SubscriptionRecord subscription);

  Optional<SubscriptionRecord> findSubscription(Scope scope, String topicId, String id);

  /** The subscriptions of a topic, oldest first. */
  List<SubscriptionRecord> subscriptions(Scope scope, String topicId);

  /** How many subscriptions each of {@code topicIds} has (a topic with none may be left out). */
  Map<String, Integer> subscriptionCounts(Scope scope, List<String> topicIds);

  /** Replaces the subscription if its stored version is {@code subscription.version() - 1}. */
  boolean updateSubscription(SubscriptionRecord subscription);

  boolean deleteSubscription(Scope scope, String topicId, String id);

  /** Deletes every subscription of a destination (the destination was deleted); how many. */
  int deleteSubscriptionsOfDestination(Scope scope, String destinationId);

  /**
   * The transactional outbox: stores a routed event and its delivery tasks on the caller's own JDBC
   * connection, inside the caller's open transaction, without committing. They become visible, and
   * deliverable, when the caller commits, and vanish if it rolls back. BAD_REQUEST from a store
   * that is not on JDBC, or when {@code transaction} is in auto-commit mode.
   */
  void insertRoutedIn(Connection transaction, EventRecord event, List<DeliveryTask> tasks);
}
