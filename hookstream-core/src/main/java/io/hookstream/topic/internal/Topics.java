package io.hookstream.topic.internal;

import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import io.hookstream.topic.Subscription;
import io.hookstream.topic.Topic;

/** Converts the store's topic and subscription records into the Java API's types. Stateless. */
public final class Topics {

  private Topics() {}

  public static Topic toApi(TopicRecord t, int subscriptionCount, String publishBaseUrl) {
    return new Topic(
        t.id(),
        t.orgId(),
        t.envId(),
        t.name(),
        t.slug(),
        t.description(),
        subscriptionCount,
        publishBaseUrl + "/v1/topics/" + t.slug() + "/publish",
        t.createdAt(),
        t.updatedAt());
  }

  public static Subscription toApi(SubscriptionRecord s) {
    return new Subscription(
        s.id(),
        s.topicId(),
        s.destinationId(),
        s.filterRulesJson(),
        s.transformExpression(),
        s.active(),
        s.createdAt(),
        s.updatedAt());
  }
}
