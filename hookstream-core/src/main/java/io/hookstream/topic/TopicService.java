package io.hookstream.topic;

import io.hookstream.Limits;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.internal.RouteCompiler;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import io.hookstream.topic.internal.PendingTopicTasks;
import io.hookstream.topic.internal.TopicChecks;
import io.hookstream.topic.internal.TopicPublisher;
import io.hookstream.topic.internal.Topics;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Topics, their subscriptions, and publishing. A published event is an ordinary event (its source
 * id is the topic's id) delivered through the ordinary delivery path: retries, the dead letter
 * queue and issues work as for connections. Thread-safe.
 */
public final class TopicService {

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final TopicChecks checks;
  private final TopicPublisher publisher;
  private final PendingTopicTasks pending;
  private final String publishBaseUrl;

  /**
   * {@code publishBaseUrl}: the base of every topic's {@code publish_url}; {@code onCommitted} gets
   * each event the engine's own commit stored (not the outbox's), to broadcast it and wake the
   * scheduler.
   */
  public TopicService(
      Store store,
      Clock clock,
      TransformEngine transforms,
      BlobStore blobs,
      TaskFactory tasks,
      Limits limits,
      String publishBaseUrl,
      Consumer<EventRecord> onCommitted) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.checks = new TopicChecks(store, transforms);
    this.publisher =
        new TopicPublisher(
            store, blobs, clock, tasks, new RouteCompiler(transforms), limits, onCommitted);
    this.pending = new PendingTopicTasks(store, clock);
    this.publishBaseUrl = publishBaseUrl.replaceAll("/+$", "");
  }

  /** CONFLICT naming the slug if the environment has a topic with it. */
  public Topic create(Scope scope, TopicSpec spec) {
    var now = clock.now();
    TopicRecord t = checks.topic(spec, ids.next("top"), scope, 1, now, now);
    store.topics().insert(t);
    return toApi(t);
  }

  public Optional<Topic> get(Scope scope, String id) {
    return store.topics().find(scope, id).map(this::toApi);
  }

  public Topic require(Scope scope, String id) {
    return toApi(stored(scope, id));
  }

  /** Topics newest first. */
  public Page<Topic> list(Scope scope, PageRequest page) {
    var records = store.topics().list(scope, Pages.toStore(page));
    Map<String, Integer> counts =
        store
            .topics()
            .subscriptionCounts(scope, records.items().stream().map(TopicRecord::id).toList());
    return Pages.fromStore(
        records, t -> Topics.toApi(t, counts.getOrDefault(t.id(), 0), publishBaseUrl));
  }

  public Topic update(Scope scope, String id, UnaryOperator<TopicSpec.Builder> changes) {
    TopicRecord current = stored(scope, id);
    TopicSpec spec =
        changes
            .apply(
                TopicSpec.builder()
                    .name(current.name())
                    .slug(current.slug())
                    .description(current.description()))
            .build();
    TopicRecord next =
        checks.topic(spec, id, scope, current.version() + 1, current.createdAt(), clock.now());
    if (!store.topics().update(next)) {
      throw concurrentChange("topic", id);
    }
    return toApi(next);
  }

  /** Deletes the topic with its subscriptions, and cancels their pending deliveries. */
  public void delete(Scope scope, String id) {
    List<SubscriptionRecord> removed =
        store
            .topics()
            .delete(scope, id)
            .orElseThrow(() -> HookstreamException.notFound("topic", id));
    Set<String> subscriptionIds =
        removed.stream().map(SubscriptionRecord::id).collect(Collectors.toSet());
    pending.cancel(scope, id, subscriptionIds);
  }

  /** Subscribes a destination of the topic's environment. */
  public Subscription subscribe(Scope scope, String topicId, SubscriptionSpec spec) {
    TopicRecord topic = stored(scope, topicId);
    var now = clock.now();
    SubscriptionRecord s = checks.subscription(spec, ids.next("sub"), topic, 1, now, now);
    store.topics().insertSubscription(s);
    return Topics.toApi(s);
  }

  /** The topic's subscriptions, oldest first. */
  public List<Subscription> subscriptions(Scope scope, String topicId) {
    stored(scope, topicId);
    return store.topics().subscriptions(scope, topicId).stream().map(Topics::toApi).toList();
  }

  public Subscription updateSubscription(
      Scope scope, String topicId, String id, UnaryOperator<SubscriptionSpec.Builder> changes) {
    TopicRecord topic = stored(scope, topicId);
    SubscriptionRecord current =
        store
            .topics()
            .findSubscription(scope, topicId, id)
            .orElseThrow(() -> HookstreamException.notFound("subscription", id));
    SubscriptionSpec spec =
        changes
            .apply(
                SubscriptionSpec.builder()
                    .destinationId(current.destinationId())
                    .filterRulesJson(current.filterRulesJson())
                    .transformExpression(current.transformExpression())
                    .active(current.active()))
            .build();
    SubscriptionRecord next =
        checks.subscription(
            spec, id, topic, current.version() + 1, current.createdAt(), clock.now());
    if (!store.topics().updateSubscription(next)) {
      throw concurrentChange("subscription", id);
    }
    return Topics.toApi(next);
  }

  /** Removes a subscription; events already published through it are still delivered. */
  public void unsubscribe(Scope scope, String topicId, String id) {
    if (!store.topics().deleteSubscription(scope, topicId, id)) {
      throw HookstreamException.notFound("subscription", id);
    }
  }

  /**
   * Publishes a JSON body to the topic {@code slug}; see {@link #publish(Scope, String,
   * PublishRequest)}.
   */
  public Published publish(Scope scope, String slug, String jsonBody) {
    return publish(scope, slug, PublishRequest.json(jsonBody));
  }

  /**
   * Stores the event and one delivery task per matching subscription in one commit, and returns
   * after it: the event is then as durable as an ingested webhook. NOT_FOUND naming the slug if the
   * environment has no such topic.
   */
  public Published publish(Scope scope, String slug, PublishRequest request) {
    return publisher.publish(scope, slug, Objects.requireNonNull(request, "request"), null);
  }

  /**
   * The transactional outbox: writes the event and its delivery tasks on {@code transaction}, the
   * caller's own JDBC connection with auto-commit off, and does not commit. They are delivered once
   * the caller commits (at the scheduler's next poll) and vanish if it rolls back. Needs the JDBC
   * store on the same database; BAD_REQUEST otherwise. No stream message is sent for an event
   * published this way, since the engine cannot see the commit.
   */
  public Published publish(
      Scope scope, String slug, PublishRequest request, Connection transaction) {
    return publisher.publish(
        scope,
        slug,
        Objects.requireNonNull(request, "request"),
        Objects.requireNonNull(transaction, "transaction"));
  }

  private TopicRecord stored(Scope scope, String id) {
    return store
        .topics()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("topic", id));
  }

  private Topic toApi(TopicRecord t) {
    int count =
        store.topics().subscriptionCounts(t.scope(), List.of(t.id())).getOrDefault(t.id(), 0);
    return Topics.toApi(t, count, publishBaseUrl);
  }

  private static HookstreamException concurrentChange(String what, String id) {
    return new HookstreamException(
        ErrorCode.CONFLICT, what + " " + id + " was changed concurrently; read it again and retry");
  }
}
