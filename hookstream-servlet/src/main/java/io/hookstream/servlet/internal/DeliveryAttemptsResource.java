package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.delivery.AttemptQuery;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ScheduledDelivery;
import io.hookstream.destination.Destination;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.store.Scope;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/delivery-attempts}: the list (filters {@code event_id}, {@code connection_id}, {@code
 * destination_id}, {@code status}, {@code is_dlq}; cursor pages in a {@code pagination} object),
 * the detail, and {@code POST /:id/retry}.
 */
final class DeliveryAttemptsResource {

  static final int DEFAULT_LIMIT = 50;
  private static final Set<String> STATUSES = Set.of("success", "failed");

  private final Hookstream engine;

  DeliveryAttemptsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/delivery-attempts", this::list)
        .get("/v1/delivery-attempts/:id", this::get)
        .post("/v1/delivery-attempts/:id/retry", this::retry);
  }

  private ApiResponse list(ApiRequest r) {
    Query q = r.query();
    String status = q.string("status");
    if (status != null && !STATUSES.contains(status)) {
      throw Query.badParam("status", "must be success or failed");
    }
    AttemptQuery query =
        new AttemptQuery(
            ConnectionsResource.filterId(r, "event_id", "evt"),
            ConnectionsResource.filterId(r, "connection_id", "conn"),
            destinationOrChannel(r),
            status,
            flag(q, "is_dlq"));
    PageRequest pageRequest = Paging.request(q, DEFAULT_LIMIT);
    Page<DeliveryAttempt> page = engine.deliveries().attempts(r.scope(), query, pageRequest);
    ObjectNode body = JsonIo.object();
    body.set("delivery_attempts", render(engine, r.scope(), page));
    body.set("pagination", Paging.pagination(pageRequest, page));
    return ApiResponse.ok(body);
  }

  private ApiResponse get(ApiRequest r) {
    DeliveryAttempt a = engine.deliveries().attempt(r.scope(), id(r));
    return ApiResponse.ok(
        AttemptJson.detail(
            a, destinationName(engine, r.scope(), a.destinationId(), new HashMap<>())));
  }

  private ApiResponse retry(ApiRequest r) {
    String id = id(r);
    ScheduledDelivery task = engine.deliveries().retryAttempt(r.scope(), id);
    ObjectNode body = JsonIo.object();
    ObjectNode attempt = body.putObject("delivery_attempt");
    attempt.put("id", id);
    attempt.put("event_id", task.eventId());
    attempt.put("connection_id", task.connectionId());
    attempt.put("destination_id", task.destinationId());
    attempt.put("task_id", task.id());
    attempt.put("status", task.status().name().toLowerCase(Locale.ROOT));
    ResourceJson.instant(attempt, "next_attempt_at", task.nextAttemptAt());
    return ApiResponse.ok(body);
  }

  /** Attempts as a JSON array, each with its destination's name. */
  static ArrayNode render(Hookstream engine, Scope scope, Page<DeliveryAttempt> page) {
    Map<String, String> names = new HashMap<>();
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    for (DeliveryAttempt a : page.items()) {
      items.add(AttemptJson.summary(a, destinationName(engine, scope, a.destinationId(), names)));
    }
    return items;
  }

  static String destinationName(
      Hookstream engine, Scope scope, String id, Map<String, String> cache) {
    return cache.computeIfAbsent(
        id, d -> engine.destinations().get(scope, d).map(Destination::name).orElse(null));
  }

  /** A boolean query flag: 1/true or 0/false; anything else is a 400. */
  private static Boolean flag(Query q, String name) {
    String v = q.string(name);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw Query.badParam(name, "must be 1, 0, true or false");
    };
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("delivery attempt", "da", r.param("id"));
  }

  /** A destination id, or a notification channel's: its notifications are attempts too. */
  private static String destinationOrChannel(ApiRequest r) {
    String id = r.query().string("destination_id");
    return id != null && ResourceIds.looksLike("nc", id)
        ? id
        : ConnectionsResource.filterId(r, "destination_id", "dst");
  }
}
