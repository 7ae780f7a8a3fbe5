package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Topics and subscriptions: slugs unique per environment, compare-and-set updates, isolation by
 * scope, newest-first pages, and deletes that take the subscriptions along.
 */
abstract class TopicContract extends RepositoryContract {

  TopicContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void topicsInsertFindBySlugUpdateAndDelete() {
    TopicRecord t = topic(scope, "orders");
    store.topics().insert(t);
    assertThat(store.topics().find(scope, t.id())).contains(t);
    assertThat(store.topics().findBySlug(scope, "orders")).contains(t);

    TopicRecord renamed = renamed(t, "Orders v2", "orders-v2");
    assertThat(store.topics().update(renamed)).isTrue();
    assertThat(store.topics().update(renamed)).as("stale version").isFalse();
    assertThat(store.topics().findBySlug(scope, "orders")).isEmpty();
    assertThat(store.topics().findBySlug(scope, "orders-v2")).contains(renamed);

    assertThat(store.topics().delete(scope, t.id())).contains(List.of());
    assertThat(store.topics().find(scope, t.id())).isEmpty();
    assertThat(store.topics().findBySlug(scope, "orders-v2")).isEmpty();
    assertThat(store.topics().delete(scope, t.id())).isEmpty();
  }

  @Test
  void aTopicSlugIsUniquePerEnvironmentAndFreeAgainAfterDelete() {
    TopicRecord first = topic(scope, "payments");
    store.topics().insert(first);
    assertThatThrownBy(() -> store.topics().insert(topic(scope, "payments")))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
        .hasMessageContaining("slug");
    store.topics().insert(topic(other, "payments")); // another environment: no clash

    TopicRecord second = topic(scope, "refunds");
    store.topics().insert(second);
    assertThatThrownBy(() -> store.topics().update(renamed(second, "x", "payments")))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

    store.topics().delete(scope, first.id());
    store.topics().insert(topic(scope, "payments"));
  }

  @Test
  void topicsAreIsolatedByScopeAndPageNewestFirst() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TopicRecord t = topic(scope, "t" + i);
      store.topics().insert(t);
      created.add(0, t.id());
    }
    assertThat(store.topics().find(other, created.get(0))).isEmpty();
    assertThat(store.topics().findBySlug(other, "t0")).isEmpty();
    assertThat(store.topics().delete(other, created.get(0))).isEmpty();
    assertThat(store.topics().list(other, PageRequest.first(10)).items()).isEmpty();

    var first = store.topics().list(scope, PageRequest.first(3));
    assertThat(first.items()).extracting(TopicRecord::id).isEqualTo(created.subList(0, 3));
    assertThat(first.hasMore()).isTrue();
    var second = store.topics().list(scope, new PageRequest(first.nextAfter(), 3));
    assertThat(second.items()).extracting(TopicRecord::id).isEqualTo(created.subList(3, 5));
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void subscriptionsBelongToTheirTopicAndUpdateByVersion() {
    TopicRecord t = topic(scope, "fanout");
    TopicRecord u = topic(scope, "elsewhere");
    store.topics().insert(t);
    store.topics().insert(u);
    SubscriptionRecord a = subscription(t, "dst_a");
    SubscriptionRecord b = subscription(t, "dst_b");
    SubscriptionRecord c = subscription(u, "dst_a");
    List.of(a, b, c).forEach(store.topics()::insertSubscription);

    assertThat(store.topics().subscriptions(scope, t.id())).containsExactly(a, b);
    assertThat(store.topics().findSubscription(scope, t.id(), a.id())).contains(a);
    assertThat(store.topics().findSubscription(scope, u.id(), a.id())).isEmpty();
    assertThat(store.topics().findSubscription(other, t.id(), a.id())).isEmpty();
    assertThat(store.topics().subscriptions(other, t.id())).isEmpty();
    assertThat(store.topics().subscriptionCounts(scope, List.of(t.id(), u.id())))
        .isEqualTo(Map.of(t.id(), 2, u.id(), 1));

    SubscriptionRecord changed =
        new SubscriptionRecord(
            a.id(),
            a.orgId(),
            a.envId(),
            a.topicId(),
            a.destinationId(),
            "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"x\"}]",
            "{\"t\": type}",
            false,
            a.version() + 1,
            a.createdAt(),
            clock.now());
    assertThat(store.topics().updateSubscription(changed)).isTrue();
    assertThat(store.topics().updateSubscription(changed)).as("stale version").isFalse();
    SubscriptionRecord stored =
        store.topics().findSubscription(scope, t.id(), a.id()).orElseThrow();
    assertThat(stored.transformExpression()).isEqualTo("{\"t\": type}");
    assertThat(stored.filterRulesJson()).contains("payload.type");
    assertThat(stored.active()).isFalse();

    assertThat(store.topics().deleteSubscription(scope, u.id(), b.id())).isFalse();
    assertThat(store.topics().deleteSubscription(scope, t.id(), b.id())).isTrue();
    assertThat(store.topics().deleteSubscription(scope, t.id(), b.id())).isFalse();
    assertThat(store.topics().subscriptions(scope, t.id()))
        .extracting(SubscriptionRecord::id)
        .containsExactly(a.id());
  }

  @Test
  void deletingATopicOrADestinationRemovesTheirSubscriptions() {
    TopicRecord t = topic(scope, "gone");
    TopicRecord kept = topic(scope, "kept");
    store.topics().insert(t);
    store.topics().insert(kept);
    SubscriptionRecord a = subscription(t, "dst_a");
    SubscriptionRecord b = subscription(t, "dst_b");
    SubscriptionRecord k1 = subscription(kept, "dst_a");
    SubscriptionRecord k2 = subscription(kept, "dst_b");
    SubscriptionRecord otherScope = subscription(topicIn(other), "dst_a");
    List.of(a, b, k1, k2, otherScope).forEach(store.topics()::insertSubscription);

    assertThat(store.topics().delete(scope, t.id()).orElseThrow())
        .extracting(SubscriptionRecord::id)
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(store.topics().subscriptions(scope, t.id())).isEmpty();
    assertThat(store.topics().findSubscription(scope, t.id(), a.id())).isEmpty();

    assertThat(store.topics().deleteSubscriptionsOfDestination(scope, "dst_a")).isEqualTo(1);
    assertThat(store.topics().subscriptions(scope, kept.id())).containsExactly(k2);
    assertThat(store.topics().subscriptions(other, otherScope.topicId()))
        .as("another environment's subscription to a same-named destination stays")
        .containsExactly(otherScope);
  }

  private TopicRecord topicIn(Scope s) {
    TopicRecord t = topic(s, "x-" + ids.next("x").substring(2, 14));
    store.topics().insert(t);
    return t;
  }

  private TopicRecord topic(Scope s, String slug) {
    Instant now = clock.now();
    return new TopicRecord(
        ids.next("top"), s.orgId(), s.envId(), "Topic " + slug, slug, "about " + slug, 1, now, now);
  }

  private TopicRecord renamed(TopicRecord t, String name, String slug) {
    return new TopicRecord(
        t.id(),
        t.orgId(),
        t.envId(),
        name,
        slug,
        t.description(),
        t.version() + 1,
        t.createdAt(),
        clock.now());
  }

  private SubscriptionRecord subscription(TopicRecord t, String destinationId) {
    Instant now = clock.now();
    return new SubscriptionRecord(
        ids.next("sub"),
        t.orgId(),
        t.envId(),
        t.id(),
        destinationId,
        "[]",
        null,
        true,
        1,
        now,
        now);
  }
}
