package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing through the engine: filters pick connections, transforms become the payload. */
class RoutingTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private Hookstream hs;
  private Scope scope;
  private String src;

  @BeforeEach
  void setUp() {
    hs = TestEngine.builder(store, clock).build().start();
    scope = TestEngine.newScope(hs);
    src = hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  private String destination(String name) {
    return TestEngine.destination(hs, scope, name);
  }

  private List<DeliveryTask> routedTasks(String eventId) {
    Await.until(
        Duration.ofSeconds(10),
        () -> store.events().find(scope, eventId).orElseThrow().routedAt() != null);
    return store.deliveries().tasksForEvent(scope, eventId);
  }

  @Test
  void filtersChooseTheConnectionsAndTransformsShapeThePayload() {
    String orders = destination("orders");
    String big = destination("big");
    String slack = destination("slack");
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(orders)
                .filterRulesJson(
                    "[{\"field\":\"payload.type\",\"operator\":\"eq\","
                        + "\"value\":\"order.created\"}]")
                .build());
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(big)
                .filterRulesJson(
                    "[{\"field\":\"payload.data.amount\",\"op\":\"gt\",\"value\":1000}]")
                .build());
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(slack)
                .transformExpression("{\"text\": \"New order \" & data.id & \" via \" & $method}")
                .build());

    String small =
        hs.ingest(
                src,
                IngestRequest.json(
                    "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\",\"amount\":500}}"))
            .eventId();
    List<DeliveryTask> tasks = routedTasks(small);
    assertThat(tasks)
        .extracting(DeliveryTask::destinationId)
        .containsExactlyInAnyOrder(orders, slack);
    DeliveryTask toSlack =
        tasks.stream().filter(t -> t.destinationId().equals(slack)).findFirst().orElseThrow();
    assertThat(new String(toSlack.payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"text\":\"New order ord_1 via POST\"}");
    assertThat(toSlack.payloadContentType()).isEqualTo("application/json");
    assertThat(
            tasks.stream()
                .filter(t -> t.destinationId().equals(orders))
                .findFirst()
                .orElseThrow()
                .payload())
        .as("untransformed: the event's own body")
        .isNull();
    assertThat(store.events().find(scope, small).orElseThrow().status())
        .isIn(EventStatus.PROCESSING, EventStatus.DELIVERED);

    String refund =
        hs.ingest(
                src,
                IngestRequest.json(
                    "{\"type\":\"refund\",\"data\":{\"id\":\"r_1\",\"amount\":5000}}"))
            .eventId();
    assertThat(routedTasks(refund))
        .extracting(DeliveryTask::destinationId)
        .containsExactlyInAnyOrder(big, slack);
  }

  @Test
  void anEventNoConnectionMatchesStaysReceived() {
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(destination("d"))
                .filterRulesJson(
                    "[{\"field\":\"headers.X-Event\",\"op\":\"eq\",\"value\":\"push\"}]")
                .build());
    String id =
        hs.ingest(
                src,
                IngestRequest.builder()
                    .header("x-event", "ping")
                    .body("{}".getBytes(StandardCharsets.UTF_8))
                    .build())
            .eventId();
    assertThat(routedTasks(id)).isEmpty();
    assertThat(store.events().find(scope, id).orElseThrow().status())
        .isEqualTo(EventStatus.RECEIVED);
  }

  @Test
  void badRulesAndExpressionsAre422sAtWriteTimeNamingTheField() {
    String dst = destination("d");
    assertThatThrownBy(
            () ->
                hs.connections()
                    .create(
                        scope,
                        ConnectionSpec.builder()
                            .sourceId(src)
                            .destinationId(dst)
                            .filterRulesJson(
                                "[{\"field\":\"payload.n\",\"op\":\"gt\",\"value\":\"ten\"},"
                                    + "{\"field\":\"payload.t\",\"op\":\"like\",\"value\":\"x\"}]")
                            .transformExpression("{ \"a\": ")
                            .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .contains("filter_rules.0.value", "filter_rules.1.op", "transform_expression"));
  }

  @Test
  void theOrderingKeyIsTheEventsValueAtThePathAsText() {
    String dst = destination("d");
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(dst)
                .orderingKey("payload.customer.id")
                .build());
    assertThat(keyOf("{\"customer\":{\"id\":\"cus_1\"}}")).isEqualTo("cus_1");
    assertThat(keyOf("{\"customer\":{\"id\":42}}")).isEqualTo("42");
    assertThat(keyOf("{\"customer\":{\"id\":true}}")).isEqualTo("true");
    assertThat(keyOf("{\"customer\":{\"id\":{\"shop\":7,\"n\":[1,2]}}}"))
        .isEqualTo("{\"shop\":7,\"n\":[1,2]}");
    assertThat(keyOf("{\"customer\":{\"id\":\"" + "x".repeat(300) + "\"}}"))
        .as("a long value is keyed by its hash, so that it fits the index")
        .startsWith("sha256:")
        .hasSize("sha256:".length() + 64);
    assertThat(keyOf("{\"customer\":{\"id\":null}}")).as("JSON null: unordered").isNull();
    assertThat(keyOf("{\"customer\":{}}")).as("missing: unordered").isNull();
    assertThat(keyOf("not json")).isNull();
  }

  @Test
  void anOrderingKeyReadsHeadersAndCanBeChangedAndCleared() {
    String dst = destination("d");
    var conn =
        hs.connections()
            .create(
                scope,
                ConnectionSpec.builder()
                    .sourceId(src)
                    .destinationId(dst)
                    .orderingKey("headers.X-Shop")
                    .build());
    assertThat(conn.orderingKey()).isEqualTo("headers.X-Shop");
    IngestRequest fromShop =
        IngestRequest.builder()
            .header("x-shop", "shop-7")
            .body("{\"id\":1}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(routedTasks(hs.ingest(src, fromShop).eventId()).get(0).orderingKey())
        .isEqualTo("shop-7");

    hs.connections().update(scope, conn.id(), b -> b.orderingKey("payload.id"));
    assertThat(hs.connections().require(scope, conn.id()).orderingKey()).isEqualTo("payload.id");
    assertThat(keyOf("{\"id\":1}")).isEqualTo("1");
    hs.connections().update(scope, conn.id(), b -> b.orderingKey(null));
    assertThat(hs.connections().require(scope, conn.id()).orderingKey()).isNull();
    assertThat(keyOf("{\"id\":1}")).isNull();
  }

  @Test
  void aBadOrderingKeyIsA422NamingTheField() {
    String dst = destination("d");
    for (String bad : List.of("", "payload..id", "headers", "x".repeat(501))) {
      assertThatThrownBy(
              () ->
                  hs.connections()
                      .create(
                          scope,
                          ConnectionSpec.builder()
                              .sourceId(src)
                              .destinationId(dst)
                              .orderingKey(bad)
                              .build()))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e ->
                  assertThat(e.fieldErrors())
                      .extracting(FieldError::field)
                      .containsExactly("ordering_key"));
    }
  }

  /** The ordering key of the one task routed for an event with {@code body}. */
  private String keyOf(String body) {
    IngestRequest request =
        IngestRequest.builder().body(body.getBytes(StandardCharsets.UTF_8)).build();
    List<DeliveryTask> tasks = routedTasks(hs.ingest(src, request).eventId());
    assertThat(tasks).hasSize(1);
    return tasks.get(0).orderingKey();
  }

  @Test
  void aConnectionChangeTakesEffectForTheNextEvent() {
    String dst = destination("d");
    var conn =
        hs.connections()
            .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());
    assertThat(routedTasks(hs.ingest(src, IngestRequest.json("{\"t\":1}")).eventId())).hasSize(1);
    hs.connections().update(scope, conn.id(), b -> b.enabled(false));
    assertThat(routedTasks(hs.ingest(src, IngestRequest.json("{\"t\":2}")).eventId())).isEmpty();
  }
}
