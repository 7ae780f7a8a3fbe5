package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import io.hookstream.topic.PublishRequest;
import io.hookstream.topic.Published;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.TopicSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Topics on a real database with real HTTP deliveries: fan-out with the topic header, the ordinary
 * retry path, and the transactional outbox, where the event and its tasks commit or roll back with
 * the application's own write on the application's own connection.
 */
abstract class TopicScenarios {

  private final ManualClock clock = new ManualClock();
  private DataSource dataSource;
  private WebhookReceiver receiver;
  private Hookstream hs;
  private Scope scope;
  private String topicId;
  private String subscriptionId;

  protected abstract DataSource dataSource();

  @BeforeEach
  void setUp() throws SQLException {
    dataSource = dataSource();
    receiver = WebhookReceiver.start(clock);
    hs = OneRouteEngine.engine(dataSource, clock);
    var org = hs.organizations().create("topics");
    scope = hs.organizations().createEnvironment(org.id(), "test").scope();
    topicId = hs.topics().create(scope, TopicSpec.builder().name("Orders").build()).id();
    subscriptionId = subscribe("/all", null, null);
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id VARCHAR(40) PRIMARY KEY)");
    }
  }

  @AfterEach
  void tearDown() {
    hs.close();
    receiver.close();
  }

  private String subscribe(String path, String rules, String transform) {
    String destination =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder()
                    .name("receiver" + path)
                    .url(receiver.url(path))
                    .retryIntervals(List.of(30))
                    .retryMaxAttempts(1)
                    .build())
            .id();
    return hs.topics()
        .subscribe(
            scope,
            topicId,
            SubscriptionSpec.builder()
                .destinationId(destination)
                .filterRulesJson(rules)
                .transformExpression(transform)
                .build())
        .id();
  }

  @Test
  void aPublishReachesEveryMatchingSubscriberWithTheTopicHeader() {
    String big =
        subscribe(
            "/big",
            "[{\"field\":\"payload.total\",\"op\":\"gte\",\"value\":100}]",
            "{\"big_order\": id}");

    Published small = hs.topics().publish(scope, "orders", "{\"id\":\"o1\",\"total\":5}");
    Published large = hs.topics().publish(scope, "orders", "{\"id\":\"o2\",\"total\":500}");
    assertThat(small.subscriptionIds()).containsExactly(subscriptionId);
    assertThat(large.subscriptionIds()).containsExactly(subscriptionId, big);

    assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(3);
    List<RecordedRequest> requests = receiver.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.header("X-hookstream-Topic")).isEqualTo("orders"));
    assertThat(requests)
        .filteredOn(r -> r.path().equals("/big"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.bodyAsString()).isEqualTo("{\"big_order\":\"o2\"}");
              assertThat(r.header("X-hookstream-Event-Id")).isEqualTo(large.eventId());
            });
    assertThat(hs.events().get(scope, large.eventId()).orElseThrow().status())
        .isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void aFailedTopicDeliveryRetriesThenGoesToTheDeadLetterQueueWithAnIssue() {
    receiver.respondWith(ScriptedResponse.status(503));
    Published p = hs.topics().publish(scope, "orders", "{\"id\":\"o3\"}");

    assertThat(hs.runDueDeliveries().retrying()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(hs.runDueDeliveries().dead()).isEqualTo(1);

    assertThat(receiver.requests()).hasSize(2);
    assertThat(hs.events().get(scope, p.eventId()).orElseThrow().status())
        .isEqualTo(EventStatus.FAILED);
    assertThat(hs.issues().list(scope, null, null, PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void aRolledBackTransactionDeliversNothingAndLeavesNoEvent() throws SQLException {
    Published p;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      insertOrder(c, "o-rolled-back");
      p = hs.topics().publish(scope, "orders", PublishRequest.json("{\"id\":\"o4\"}"), c);
      c.rollback();
    }
    assertThat(hs.runDueDeliveries().claimed()).isZero();
    assertThat(receiver.requests()).isEmpty();
    assertThat(hs.events().get(scope, p.eventId())).isEmpty();
    assertThat(orders()).isZero();
  }

  @Test
  void aCommittedTransactionDeliversExactlyOnce() throws SQLException {
    Published p;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      insertOrder(c, "o-committed");
      p = hs.topics().publish(scope, "orders", PublishRequest.json("{\"id\":\"o5\"}"), c);
      // Not committed yet: nobody else sees the event, and nothing is delivered.
      assertThat(hs.events().get(scope, p.eventId())).isEmpty();
      assertThat(hs.runDueDeliveries().claimed()).isZero();
      c.commit();
    }
    assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(1);
    assertThat(hs.runDueDeliveries().claimed()).isZero();
    assertThat(receiver.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("X-hookstream-Event-Id")).isEqualTo(p.eventId()));
    assertThat(hs.events().get(scope, p.eventId()).orElseThrow().status())
        .isEqualTo(EventStatus.DELIVERED);
    assertThat(orders()).isEqualTo(1);
  }

  @Test
  void anAutoCommitConnectionIsRefusedBeforeAnythingIsWritten() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      assertThatThrownBy(() -> hs.topics().publish(scope, "orders", PublishRequest.json("{}"), c))
          .isInstanceOfSatisfying(
              HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
          .hasMessageContaining("auto-commit");
    }
    assertThat(hs.runDueDeliveries().claimed()).isZero();
  }

  private static void insertOrder(Connection c, String id) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private int orders() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
