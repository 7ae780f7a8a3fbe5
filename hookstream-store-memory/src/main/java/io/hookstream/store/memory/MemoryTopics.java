package io.hookstream.store.memory;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topics and subscriptions in memory. Writes hold this object's lock so that the slug check and the
 * write, and a topic's delete with its subscriptions', are one step; reads are lock-free.
 */
final class MemoryTopics implements TopicRepository {

  private final ScopedTable<TopicRecord> topics =
      new ScopedTable<>("topic", TopicRecord::id, TopicRecord::scope, true);
  private final ScopedTable<SubscriptionRecord> subscriptions =
      new ScopedTable<>("subscription", SubscriptionRecord::id, SubscriptionRecord::scope, true);

  /** Slugs per scope, to the topic holding them; guarded by {@code this}. */
  private final Map<Scope, Map<String, String>> slugs = new HashMap<>();

  @Override
  public synchronized void insert(TopicRecord topic) {
    checkSlugFree(topic);
    topics.insert(topic);
    slugs(topic.scope()).put(topic.slug(), topic.id());
  }

  @Override
  public Optional<TopicRecord> find(Scope scope, String id) {
    return topics.get(scope, id);
  }

  @Override
  public Optional<TopicRecord> findBySlug(Scope scope, String slug) {
    String id;
    synchronized (this) {
      id = slugs(scope).get(slug);
    }
    return id == null ? Optional.empty() : find(scope, id);
  }

  @Override
  public Page<TopicRecord> list(Scope scope, PageRequest page) {
    return topics.page(scope, page, t -> true);
  }

  @Override
  public synchronized boolean update(TopicRecord topic) {
    TopicRecord stored = topics.get(topic.scope(), topic.id()).orElse(null);
    if (stored == null || stored.version() != topic.version() - 1) {
      return false;
    }
    checkSlugFree(topic);
    topics.update(topic.scope(), topic.id(), old -> topic);
    slugs(topic.scope()).remove(stored.slug());
    slugs(topic.scope()).put(topic.slug(), topic.id());
    return true;
  }

  @Override
  public synchronized Optional<List<SubscriptionRecord>> delete(Scope scope, String id) {
    Optional<TopicRecord> removed = topics.remove(scope, id);
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    slugs(scope).remove(removed.get().slug());
    List<SubscriptionRecord> subs = subscriptions(scope, id);
    subs.forEach(s -> subscriptions.remove(scope, s.id()));
    return Optional.of(subs);
  }

  @Override
  public synchronized void insertSubscription(SubscriptionRecord subscription) {
    subscriptions.insert(subscription);
  }

  @Override
  public Optional<SubscriptionRecord> findSubscription(Scope scope, String topicId, String id) {
    return subscriptions.get(scope, id).filter(s -> s.topicId().equals(topicId));
  }

  @Override
  public List<SubscriptionRecord> subscriptions(Scope scope, String topicId) {
    List<SubscriptionRecord> result = new ArrayList<>();
    for (Iterator<SubscriptionRecord> it = subscriptions.oldestFirst(scope); it.hasNext(); ) {
      SubscriptionRecord s = it.next();
      if (s.topicId().equals(topicId)) {
        result.add(s);
      }
    }
    return result;
  }

  @Override
  public Map<String, Integer> subscriptionCounts(Scope scope, List<String> topicIds) {
    Map<String, Integer> counts = new HashMap<>();
    for (Iterator<SubscriptionRecord> it = subscriptions.oldestFirst(scope); it.hasNext(); ) {
      String topicId = it.next().topicId();
      if (topicIds.contains(topicId)) {
        counts.merge(topicId, 1, Integer::sum);
      }
    }
    return counts;
  }

  @Override
  public synchronized boolean updateSubscription(SubscriptionRecord subscription) {
    return subscriptions
        .update(
            subscription.scope(),
            subscription.id(),
            old ->
                old.version() == subscription.version() - 1
                        && old.topicId().equals(subscription.topicId())
                    ? subscription
                    : null)
        .isPresent();
  }

  @Override
  public synchronized boolean deleteSubscription(Scope scope, String topicId, String id) {
    if (findSubscription(scope, topicId, id).isEmpty()) {
      return false;
    }
    return subscriptions.remove(scope, id).isPresent();
  }

  @Override
  public synchronized int deleteSubscriptionsOfDestination(Scope scope, String destinationId) {
    List<String> ids = new ArrayList<>();
    for (Iterator<SubscriptionRecord> it = subscriptions.oldestFirst(scope); it.hasNext(); ) {
      SubscriptionRecord s = it.next();
      if (s.destinationId().equals(destinationId)) {
        ids.add(s.id());
      }
    }
    ids.forEach(id -> subscriptions.remove(scope, id));
    return ids.size();
  }

  @Override
  public void insertRoutedIn(Connection transaction, EventRecord event, List<DeliveryTask> tasks) {
    throw new HookstreamException(
        ErrorCode.BAD_REQUEST,
        "the in-memory store cannot write in a JDBC transaction; use the JDBC store");
  }

  private void checkSlugFree(TopicRecord topic) {
    String holder = slugs(topic.scope()).get(topic.slug());
    if (holder != null && !holder.equals(topic.id())) {
      throw new HookstreamException(
          ErrorCode.CONFLICT, "topic slug already exists: " + topic.slug());
    }
  }

  private Map<String, String> slugs(Scope scope) {
    return slugs.computeIfAbsent(scope, s -> new HashMap<>());
  }
}
