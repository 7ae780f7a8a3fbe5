package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.destination.Destination;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Scope;
import io.hookstream.topic.PublishRequest;
import io.hookstream.topic.Subscription;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.Topic;
import io.hookstream.topic.TopicSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /v1/topics}: topics, their subscriptions, and {@code POST /v1/topics/:slug/publish}, whose
 * body (a JSON object) is stored and delivered byte for byte.
 */
final class TopicsResource {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Hookstream engine;

  TopicsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/topics", this::list)
        .post("/v1/topics", this::create)
        .get("/v1/topics/:id", this::get)
        .patch("/v1/topics/:id", this::update)
        .delete("/v1/topics/:id", this::delete)
        .post("/v1/topics/:id/subscriptions", this::subscribe)
        .patch("/v1/topics/:id/subscriptions/:sub_id", this::updateSubscription)
        .delete("/v1/topics/:id/subscriptions/:sub_id", this::unsubscribe)
        .post("/v1/topics/:slug/publish", this::publish);
  }

  private ApiResponse list(ApiRequest r) {
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    Page<Topic> page = engine.topics().list(r.scope(), pageRequest);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(t -> items.add(TopicJson.topic(t)));
    return ApiResponse.ok(Paging.list("topics", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = TopicJson.topicChanges(r.jsonObject());
    Topic t = engine.topics().create(r.scope(), changes.apply(TopicSpec.builder()).build());
    return ApiResponse.created(TopicJson.topic(t));
  }

  private ApiResponse get(ApiRequest r) {
    String id = topicId(r);
    Topic t = engine.topics().require(r.scope(), id);
    ObjectNode body = JsonIo.object();
    body.set("topic", TopicJson.topic(t));
    ArrayNode subs = body.putArray("subscriptions");
    for (Subscription s : engine.topics().subscriptions(r.scope(), id)) {
      subs.add(render(r.scope(), s));
    }
    return ApiResponse.ok(body);
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = topicId(r);
    var changes = TopicJson.topicChanges(r.jsonObject());
    return ApiResponse.ok(TopicJson.topic(engine.topics().update(r.scope(), id, changes)));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.topics().delete(r.scope(), topicId(r));
    return ApiResponse.success();
  }

  private ApiResponse subscribe(ApiRequest r) throws IOException {
    String id = topicId(r);
    var changes = TopicJson.subscriptionChanges(r.jsonObject());
    Subscription s =
        engine.topics().subscribe(r.scope(), id, changes.apply(SubscriptionSpec.builder()).build());
    return ApiResponse.created(wrapped(r.scope(), s));
  }

  private ApiResponse updateSubscription(ApiRequest r) throws IOException {
    String id = topicId(r);
    String sub = subscriptionId(r);
    var changes = TopicJson.subscriptionChanges(r.jsonObject());
    return ApiResponse.ok(
        wrapped(r.scope(), engine.topics().updateSubscription(r.scope(), id, sub, changes)));
  }

  private ApiResponse unsubscribe(ApiRequest r) {
    engine.topics().unsubscribe(r.scope(), topicId(r), subscriptionId(r));
    return ApiResponse.success();
  }

  private ApiResponse publish(ApiRequest r) throws IOException {
    String slug = r.param("slug");
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw HookstreamException.notFound("topic", ResourceIds.abbreviate(slug));
    }
    byte[] body = r.jsonObjectBytes();
    String type = r.http().getContentType();
    var published =
        engine
            .topics()
            .publish(
                r.scope(),
                slug,
                new PublishRequest(body, type, Map.of("content-type", List.of(type))));
    return ApiResponse.ok(TopicJson.published(published));
  }

  private ObjectNode wrapped(Scope scope, Subscription s) {
    ObjectNode o = JsonIo.object();
    o.set("subscription", render(scope, s));
    return o;
  }

  private ObjectNode render(Scope scope, Subscription s) {
    String name =
        engine.destinations().get(scope, s.destinationId()).map(Destination::name).orElse(null);
    return TopicJson.subscription(s, name);
  }

  private static String topicId(ApiRequest r) {
    return ResourceIds.require("topic", "top", r.param("id"));
  }

  private static String subscriptionId(ApiRequest r) {
    return ResourceIds.require("subscription", "sub", r.param("sub_id"));
  }
}
