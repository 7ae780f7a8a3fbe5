package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.delivery.AttemptQuery;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.EventRetryResult;
import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.Source;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v1/events}: the list (filters {@code source_id}, {@code status}, {@code after}, {@code
 * before}, {@code search}; the events page's {@code pagination} object) and the detail.
 */
final class EventsResource {

  /** The events page's default page size (other lists use 20). */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_SEARCH_LENGTH = 200;

  private final Hookstream engine;

  EventsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/events", this::list)
        .get("/v1/events/:id", this::get)
        .post("/v1/events/:id/retry", this::retry);
  }

  private ApiResponse list(ApiRequest r) {
    Query q = r.query();
    EventQuery query =
        new EventQuery(
            sourceOrTopic(r),
            status(q.string("status")),
            q.instant("after"),
            q.instant("before"),
            search(q));
    PageRequest pageRequest = Paging.request(q, DEFAULT_LIMIT);
    Page<Event> page = engine.events().list(r.scope(), query, pageRequest);
    Map<String, String> names = new HashMap<>();
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    for (Event e : page.items()) {
      items.add(EventJson.summary(e, sourceName(r.scope(), e.sourceId(), names)));
    }
    ObjectNode body = JsonIo.object();
    body.set("events", items);
    body.set("pagination", Paging.pagination(pageRequest, page));
    return ApiResponse.ok(body);
  }

  /** {@code source_id} or {@code topic_id}: a published event's source is its topic. */
  private static String sourceOrTopic(ApiRequest r) {
    String source = ConnectionsResource.filterId(r, "source_id", "src");
    String topic = ConnectionsResource.filterId(r, "topic_id", "top");
    if (source != null && topic != null) {
      throw Query.badParam("topic_id", "cannot be combined with source_id");
    }
    return source != null ? source : topic;
  }

  private ApiResponse get(ApiRequest r) {
    String id = ResourceIds.require("event", "evt", r.param("id"));
    Event e = engine.events().require(r.scope(), id);
    ObjectNode body =
        EventJson.detail(
            e, sourceName(r.scope(), e.sourceId(), new HashMap<>()), engine.events().body(e));
    Page<DeliveryAttempt> attempts =
        engine
            .deliveries()
            .attempts(
                r.scope(),
                new AttemptQuery(id, null, null, null, null),
                PageRequest.first(PageRequest.MAX_LIMIT));
    body.set("delivery_attempts", DeliveryAttemptsResource.render(engine, r.scope(), attempts));
    return ApiResponse.ok(body);
  }

  /** Queues the event again for every destination it was routed to. */
  private ApiResponse retry(ApiRequest r) {
    String id = ResourceIds.require("event", "evt", r.param("id"));
    EventRetryResult result = engine.deliveries().retryEvent(r.scope(), id);
    ObjectNode body = JsonIo.object();
    ArrayNode retried = body.putArray("retried");
    result
        .retried()
        .forEach(
            t ->
                retried
                    .addObject()
                    .put("destination_id", t.destinationId())
                    .put("connection_id", t.connectionId())
                    .put("status", t.status()));
    ArrayNode errors = body.putArray("errors");
    result
        .errors()
        .forEach(
            e ->
                errors
                    .addObject()
                    .put("destination_id", e.destinationId())
                    .put("connection_id", e.connectionId())
                    .put("error", e.message()));
    return ApiResponse.ok(body);
  }

  private String sourceName(Scope scope, String sourceId, Map<String, String> cache) {
    return cache.computeIfAbsent(
        sourceId, id -> engine.sources().get(scope, id).map(Source::name).orElse(null));
  }

  private static EventStatus status(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return EventStatus.fromWire(raw.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Query.badParam("status", "must be one of received, processing, delivered, failed");
    }
  }

  private static String search(Query q) {
    String s = q.string("search");
    if (s != null && s.length() > MAX_SEARCH_LENGTH) {
      throw Query.badParam("search", "must be at most " + MAX_SEARCH_LENGTH + " characters");
    }
    return s;
  }
}
