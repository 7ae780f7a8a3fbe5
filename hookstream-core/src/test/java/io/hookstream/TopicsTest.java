package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.event.EventQuery;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.topic.Published;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.Topic;
import io.hookstream.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topics through the Java API: fan-out by filter, transforms, validation, and deletes. */
class TopicsTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private final TestEngine.RecordingProvider http = new TestEngine.RecordingProvider();
  private Hookstream hs;
  private Scope scope;

  @BeforeEach
  void setUp() {
    hs = TestEngine.builder(store, clock).provider(http).build();
    scope = TestEngine.newScope(hs);
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  private String destination(String name) {
    return TestEngine.destination(hs, scope, name);
  }

  private Topic orders() {
    return hs.topics()
        .create(scope, TopicSpec.builder().name("Order Events").slug("order-events").build());
  }

  @Test
  void publishFansOutToTheSubscriptionsWhoseFiltersMatchWithTheirOwnTransforms() {
    Topic topic = orders();
    String billing = destination("billing");
    String audit = destination("audit");
    String created =
        hs.topics()
            .subscribe(
                scope,
                topic.id(),
                SubscriptionSpec.builder()
                    .destinationId(billing)
                    .filterRulesJson(
                        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"}]")
                    .transformExpression("{\"order\": data.id}")
                    .build())
            .id();
    String everything =
        hs.topics()
            .subscribe(scope, topic.id(), SubscriptionSpec.builder().destinationId(audit).build())
            .id();
    assertThat(hs.topics().require(scope, topic.id()).subscriptionCount()).isEqualTo(2);

    Published first =
        hs.topics()
            .publish(
                scope, "order-events", "{\"type\":\"order.created\",\"data\":{\"id\":\"o1\"}}");
    Published second =
        hs.topics()
            .publish(
                scope, "order-events", "{\"type\":\"order.updated\",\"data\":{\"id\":\"o1\"}}");

    assertThat(first.subscriptionIds()).containsExactly(created, everything);
    assertThat(second.subscriptionIds()).containsExactly(everything);
    assertThat(first.topic()).isEqualTo("order-events");
    assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(3);
    assertThat(http.requests)
        .filteredOn(r -> r.destinationId().equals(billing))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(new String(r.body(), StandardCharsets.UTF_8))
                  .isEqualTo("{\"order\":\"o1\"}");
              assertThat(r.event().topic()).isEqualTo("order-events");
            });
    assertThat(http.requests).filteredOn(r -> r.destinationId().equals(audit)).hasSize(2);

    // Published events are ordinary events, listed under their topic's id.
    assertThat(
            hs.events()
                .list(
                    scope, EventQuery.builder().sourceId(topic.id()).build(), PageRequest.first(10))
                .items())
        .extracting(e -> e.id())
        .containsExactly(second.eventId(), first.eventId());
  }

  @Test
  void anInactiveSubscriptionReceivesNothingUntilActivated() {
    Topic topic = orders();
    String sub =
        hs.topics()
            .subscribe(
                scope,
                topic.id(),
                SubscriptionSpec.builder().destinationId(destination("d")).active(false).build())
            .id();
    assertThat(hs.topics().publish(scope, "order-events", "{}").subscriptionIds()).isEmpty();
    hs.topics().updateSubscription(scope, topic.id(), sub, b -> b.active(true));
    assertThat(hs.topics().publish(scope, "order-events", "{}").subscriptionIds())
        .containsExactly(sub);
  }

  @Test
  void badSlugsRulesAndExpressionsAre4xxNamingTheField() {
    Topic topic = orders();
    assertThatThrownBy(
            () ->
                hs.topics()
                    .create(scope, TopicSpec.builder().name("Again").slug("order-events").build()))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
        .hasMessageContaining("slug");
    assertThatThrownBy(
            () ->
                hs.topics().create(scope, TopicSpec.builder().name("x").slug("Not A/Slug").build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("slug"));
    assertThatThrownBy(
            () ->
                hs.topics()
                    .subscribe(
                        scope,
                        topic.id(),
                        SubscriptionSpec.builder()
                            .destinationId("dst_" + "0".repeat(32))
                            .filterRulesJson(
                                "[{\"field\":\"payload.t\",\"op\":\"like\",\"value\":1}]")
                            .transformExpression("{ \"a\": ")
                            .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .contains("destination_id", "filter_rules.0.op", "transform_expression"));
    assertThatThrownBy(() -> hs.topics().publish(scope, "no-such-topic", "{}"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("no-such-topic");
  }

  @Test
  void deletingATopicStopsItsPendingDeliveriesAndDeletingADestinationItsSubscriptions() {
    Topic topic = orders();
    String kept = destination("kept");
    String dropped = destination("dropped");
    hs.topics()
        .subscribe(scope, topic.id(), SubscriptionSpec.builder().destinationId(kept).build());
    hs.topics()
        .subscribe(scope, topic.id(), SubscriptionSpec.builder().destinationId(dropped).build());

    hs.destinations().delete(scope, dropped);
    assertThat(hs.topics().subscriptions(scope, topic.id()))
        .extracting(s -> s.destinationId())
        .containsExactly(kept);

    Published pending = hs.topics().publish(scope, "order-events", "{\"n\":1}");
    hs.topics().delete(scope, topic.id());

    assertThat(hs.runDueDeliveries().succeeded()).isZero();
    assertThat(http.requests).isEmpty();
    List<DeliveryTask> tasks = store.deliveries().tasksForEvent(scope, pending.eventId());
    assertThat(tasks).extracting(DeliveryTask::status).containsExactly(TaskStatus.CANCELLED);
    assertThat(hs.topics().get(scope, topic.id())).isEmpty();
    assertThatThrownBy(() -> hs.topics().publish(scope, "order-events", "{}"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    // The slug is free again.
    assertThat(orders().slug()).isEqualTo("order-events");
  }
}
