package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.ResourceJson;
import io.hookstream.topic.Published;
import io.hookstream.topic.Subscription;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.Topic;
import io.hookstream.topic.TopicSpec;
import java.util.function.UnaryOperator;

/**
 * The JSON of topics, subscriptions and publish answers, in the seed's shapes. A subscription's
 * {@code filter_rules} and {@code transform_expression} are read as a connection's are. Stateless.
 */
final class TopicJson {

  private TopicJson() {}

  static UnaryOperator<TopicSpec.Builder> topicChanges(Fields f) {
    Changes<TopicSpec.Builder> c = new Changes<>();
    f.readText(c.set(TopicSpec.Builder::name), "name");
    f.readText(c.set(TopicSpec.Builder::slug), "slug");
    f.readText(c.set(TopicSpec.Builder::description), "description");
    f.throwIfInvalid();
    return c.toOperator();
  }

  static UnaryOperator<SubscriptionSpec.Builder> subscriptionChanges(Fields f) {
    Changes<SubscriptionSpec.Builder> c = new Changes<>();
    f.readText(
        v -> {
          if (v != null && !ResourceIds.looksLike("dst", v)) {
            f.error(
                "destination_id",
                "no destination " + ResourceIds.abbreviate(v) + " in this environment");
          }
          c.set(SubscriptionSpec.Builder::destinationId).accept(v);
        },
        "destination_id");
    f.readArrayText(c.set(SubscriptionSpec.Builder::filterRulesJson), "filter_rules");
    f.readText(c.set(SubscriptionSpec.Builder::transformExpression), "transform_expression");
    f.readBool(c.set(SubscriptionSpec.Builder::active), "active");
    f.throwIfInvalid();
    return c.toOperator();
  }

  static ObjectNode topic(Topic t) {
    ObjectNode o = JsonIo.object();
    o.put("id", t.id());
    o.put("name", t.name());
    o.put("slug", t.slug());
    o.put("description", t.description());
    o.put("subscription_count", t.subscriptionCount());
    o.put("publish_url", t.publishUrl());
    ResourceJson.instant(o, "created_at", t.createdAt());
    ResourceJson.instant(o, "updated_at", t.updatedAt());
    return o;
  }

  static ObjectNode subscription(Subscription s, String destinationName) {
    ObjectNode o = JsonIo.object();
    o.put("id", s.id());
    o.put("topic_id", s.topicId());
    o.put("destination_id", s.destinationId());
    o.put("destination_name", destinationName);
    JsonNode rules = JsonIo.stored(s.filterRulesJson());
    o.set("filter_rules", rules == null ? JsonIo.MAPPER.createArrayNode() : rules);
    o.put("transform_expression", s.transformExpression());
    o.put("active", s.active());
    ResourceJson.instant(o, "created_at", s.createdAt());
    ResourceJson.instant(o, "updated_at", s.updatedAt());
    return o;
  }

  static ObjectNode published(Published p) {
    ObjectNode o = JsonIo.object();
    o.put("event_id", p.eventId());
    o.put("topic", p.topic());
    o.put("topic_id", p.topicId());
    ResourceJson.instant(o, "received_at", p.receivedAt());
    var ids = o.putArray("subscription_ids");
    p.subscriptionIds().forEach(ids::add);
    return o;
  }
}
