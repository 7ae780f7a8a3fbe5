package io.hookstream.topic.internal;

import io.hookstream.Limits;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.ingest.internal.PersistStep;
import io.hookstream.internal.Ids;
import io.hookstream.routing.internal.CompiledRoute;
import io.hookstream.routing.internal.EventRouter;
import io.hookstream.routing.internal.OrderingKeyPath;
import io.hookstream.routing.internal.RouteCache;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.EventContext;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import io.hookstream.topic.PublishRequest;
import io.hookstream.topic.Published;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Publishes to a topic as ingest stores a webhook: the event (source id: the topic's id) and one
 * task per active subscription whose filters match, transformed as a connection would transform it,
 * in one write. Subscriptions are routed exactly like connections, through the same compiled
 * routes. Thread-safe.
 */
public final class TopicPublisher {

  private final Store store;
  private final BlobStore blobs;
  private final Clock clock;
  private final Ids ids;
  private final TaskFactory tasks;
  private final Function<ConnectionRecord, CompiledRoute> compiler;
  private final Limits limits;
  private final Consumer<EventRecord> onCommitted;

  /** {@code onCommitted} gets each event stored by the engine's own commit (not the outbox's). */
  public TopicPublisher(
      Store store,
      BlobStore blobs,
      Clock clock,
      TaskFactory tasks,
      Function<ConnectionRecord, CompiledRoute> compiler,
      Limits limits,
      Consumer<EventRecord> onCommitted) {
    this.store = store;
    this.blobs = blobs;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.tasks = tasks;
    this.compiler = compiler;
    this.limits = limits;
    this.onCommitted = onCommitted;
  }

  /**
   * Stores the event and its tasks; durable on return. With a {@code transaction}, they are written
   * on it instead and commit or roll back with it.
   */
  public Published publish(
      Scope scope, String slug, PublishRequest request, Connection transaction) {
    if (request.body().length > limits.maxBodyBytes()) {
      throw new HookstreamException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "body is " + request.body().length + " bytes; the limit is " + limits.maxBodyBytes());
    }
    TopicRecord topic =
        store
            .topics()
            .findBySlug(scope, slug)
            .orElseThrow(() -> HookstreamException.notFound("topic", slug));
    EventRecord event = event(topic, request, ids.next("evt"), clock.now());
    List<DeliveryTask> created = EventRouter.tasksFor(tasks, event, request.body(), routes(topic));
    EventRecord routed = event.withRouted(EventRouter.statusFor(created), event.receivedAt());
    if (transaction == null) {
      store.events().insertRouted(routed, created);
      onCommitted.accept(routed);
    } else {
      store.topics().insertRoutedIn(transaction, routed, created);
    }
    return new Published(
        routed.id(),
        topic.id(),
        topic.slug(),
        routed.receivedAt(),
        created.stream().map(DeliveryTask::connectionId).toList());
  }

  private List<RouteCache.Route> routes(TopicRecord topic) {
    return store.topics().subscriptions(topic.scope(), topic.id()).stream()
        .filter(SubscriptionRecord::active)
        .map(TopicPublisher::asConnection)
        .map(c -> new RouteCache.Route(c, compiler.apply(c), OrderingKeyPath.of(null)))
        .toList();
  }

  private EventRecord event(TopicRecord topic, PublishRequest request, String id, Instant at) {
    byte[] body = request.body();
    String blobKey = null;
    if (body.length > limits.inlineBodyBytes()) {
      blobKey = PersistStep.blobKey(topic.orgId(), topic.envId(), id);
      blobs.put(blobKey, body);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.put(EventContext.TOPIC_HEADER, List.of(topic.slug()));
    return new EventRecord(
        id,
        topic.orgId(),
        topic.envId(),
        topic.id(),
        "POST",
        "/v1/topics/" + topic.slug() + "/publish",
        headers,
        Map.of(),
        request.contentType(),
        null,
        body.length,
        blobKey == null ? body : null,
        blobKey,
        null,
        EventStatus.RECEIVED,
        null,
        null,
        "unverified",
        at,
        null,
        at);
  }

  /** A subscription in the shape the router compiles: its id stands where a connection's would. */
  private static ConnectionRecord asConnection(SubscriptionRecord s) {
    return new ConnectionRecord(
        s.id(),
        s.orgId(),
        s.envId(),
        null,
        s.topicId(),
        s.destinationId(),
        s.filterRulesJson(),
        s.transformExpression(),
        s.transformExpression() != null,
        s.active(),
        null,
        s.version(),
        s.createdAt(),
        s.updatedAt(),
        null);
  }
}
