package io.hookstream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.alert.NotificationReceiver.Received;
import io.hookstream.metrics.DeliveryPoint;
import io.hookstream.metrics.MetricsQuery;
import io.hookstream.observe.EngineObserver;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.SentNotification;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule type evaluated by the engine's job on a manual clock, notifying a real webhook
 * receiver on loopback: the 5-minute window, the cooldown, the resolve after 30 minutes clear.
 */
class AlertRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec_alerts_test_secret";

  private final AlertFixture f = new AlertFixture(Instant.parse("2026-03-01T10:01:00Z"));
  private final NotificationReceiver receiver = NotificationReceiver.start();

  @AfterEach
  void close() {
    f.close();
    receiver.close();
  }

  @Test
  void failureRateNotifiesSignedOncePerCooldownAndResolvesAfterThirtyMinutesClear()
      throws Exception {
    NotificationChannel channel = f.webhook(receiver.url(), SECRET);
    AlertRule rule =
        rule("failure_rate", Map.of("threshold", 50), b -> b.destinationId(f.destination));

    f.provider.answer(503, 20);
    f.send(10);
    f.at("10:04");
    assertThat(receiver.received()).as("the window 10:00-10:05 has not ended").isEmpty();
    f.at("10:05");
    Received first = receiver.await(1).get(0);
    JsonNode doc = JSON.readTree(first.body());
    assertThat(doc.path("type").asText()).isEqualTo("alert.triggered");
    assertThat(doc.path("alert_rule").path("id").asText()).isEqualTo(rule.id());
    assertThat(doc.path("message").asText())
        .startsWith("Failure rate 100% (")
        .endsWith("attempts) against a 50% threshold");
    assertThat(first.header("X-hookstream-Signature")).isEqualTo(hmac(first.body()));

    // Still failing every window: no second notification until the 60-minute cooldown is over.
    for (int minute = 10; minute <= 55; minute += 5) {
      f.send(10);
      f.at(String.format("10:%02d", minute));
    }
    f.send(10);
    f.at("11:00");
    assertThat(receiver.received()).hasSize(1);
    f.send(10);
    // Healthy from now on: the window ending 11:05 still failed, the rest are clear.
    f.provider.answer(200, 20);
    f.at("11:05");
    assertThat(receiver.await(2).get(1).body()).contains("alert.triggered");

    // Resolved 30 minutes after the last failing window was measured (11:05).
    for (int minute = 10; minute <= 30; minute += 5) {
      f.send(2);
      f.at(String.format("11:%02d", minute));
    }
    assertThat(receiver.received()).hasSize(2);
    f.send(2);
    f.at("11:35");
    JsonNode resolved = JSON.readTree(receiver.await(3).get(2).body());
    assertThat(resolved.path("type").asText()).isEqualTo("alert.resolved");

    assertThat(f.hs.alertRules().history(f.scope, rule.id()))
        .extracting(AlertTrigger::kind)
        .containsExactly("resolved", "triggered", "triggered");
    assertThat(f.hs.alertRules().get(f.scope, rule.id()).firing()).isFalse();
    AlertFixture.await(() -> f.attempts(channel.id()).size() == 3);
    assertThat(f.attempts(channel.id())).allMatch(a -> "success".equals(a.status()));
  }

  @Test
  void ratioAndPercentageThresholdsMeanTheSame() {
    f.webhook(receiver.url(), null);
    rule("failure_rate", Map.of("threshold", 0.3), b -> b);
    rule("failure_rate", Map.of("threshold", 30), b -> b);
    rule("failure_rate", Map.of("threshold", 0.5), b -> b);
    f.provider.answer(503, 5);
    f.send(4);
    f.provider.answer(200, 5);
    f.send(6); // 40 % failed
    f.at("10:05");
    assertThat(receiver.await(2)).hasSize(2);
  }

  @Test
  void latencyComparesTheChosenPercentile() throws Exception {
    f.webhook(receiver.url(), null);
    f.provider.answer(200, 800);
    f.send(10);
    AlertRule p95 = rule("latency", Map.of("threshold_ms", 500), b -> b.sourceId(f.source));
    rule("latency", Map.of("threshold_ms", 900, "percentile_target", "p99"), b -> b);
    f.at("10:05");
    Received only = receiver.await(1).get(0);
    assertThat(JSON.readTree(only.body()).path("alert_rule").path("id").asText())
        .isEqualTo(p95.id());
    assertThat(only.body()).contains("p95 latency 800 ms");
  }

  @Test
  void volumeDropComparesWithThePreviousWindow() {
    f.webhook(receiver.url(), null);
    AlertRule rule = rule("volume_drop", Map.of("threshold", 50), b -> b.sourceId(f.source));
    f.send(10);
    f.at("10:05"); // 10 against 0 before: no drop
    f.send(6);
    f.at("10:10"); // 6 against 10: a 40 % drop
    assertThat(receiver.received()).isEmpty();
    f.send(2);
    f.at("10:15"); // 2 against 6: a 67 % drop
    assertThat(receiver.await(1).get(0).body()).contains("Event volume 2 against 6");
    assertThat(f.hs.alertRules().get(f.scope, rule.id()).firing()).isTrue();
  }

  @Test
  void dlqCountsDeadLettersAndIssueOpenedFiltersBySeverity() {
    f.webhook(receiver.url(), null);
    AlertRule dlq = rule("dlq", Map.of("threshold", 3), b -> b.destinationId(f.destination));
    AlertRule critical = rule("issue_opened", Map.of("severity", "critical"), b -> b);
    rule("issue_opened", Map.of("severity", "info"), b -> b);
    f.provider.answer(400, 5); // not retryable: dead-lettered at once
    f.send(3);
    f.at("10:05");
    List<Received> got = receiver.await(2);
    assertThat(got).extracting(r -> ruleIdOf(r)).containsExactlyInAnyOrder(dlq.id(), critical.id());
  }

  @Test
  void aFailingChannelIsRetriedOnTheDeliveryScheduleWithAttemptsListed() {
    NotificationChannel channel = f.webhook(receiver.url(), null);
    rule("dlq", Map.of("threshold", 1), b -> b);
    receiver.answer(500);
    f.provider.answer(400, 5);
    f.send(1);
    f.at("10:05");
    receiver.await(1);
    AlertFixture.await(() -> f.attempts(channel.id()).size() == 1);
    assertThat(f.attempts(channel.id()))
        .singleElement()
        .satisfies(a -> assertThat(a.statusCode()).isEqualTo(500));
    f.clock.advance(java.time.Duration.ofSeconds(30));
    f.hs.runDueDeliveries();
    receiver.await(2);
    AlertFixture.await(() -> f.attempts(channel.id()).size() == 2);
    assertThat(f.attempts(channel.id()))
        .extracting(a -> a.status())
        .containsExactly("success", "failed");
  }

  @Test
  void notificationsReachObserversAsNotificationsAndStayOutOfDeliveryMetrics() {
    List<SentNotification> sent = new CopyOnWriteArrayList<>();
    List<FinishedDelivery> deliveries = new CopyOnWriteArrayList<>();
    EngineObserver observer =
        new EngineObserver() {
          @Override
          public void notificationSent(SentNotification n) {
            sent.add(n);
          }

          @Override
          public void deliveryFinished(FinishedDelivery d) {
            deliveries.add(d);
          }
        };
    try (AlertFixture g =
        new AlertFixture(Instant.parse("2026-03-01T10:01:00Z"), new InMemoryStore(), observer)) {
      NotificationChannel channel = g.webhook(receiver.url(), null);
      g.hs
          .alertRules()
          .create(
              g.scope,
              AlertRuleSpec.builder()
                  .name("dlq")
                  .ruleType("dlq")
                  .ruleConfig(Map.of("threshold", 1))
                  .channelIds(List.of(channel.id()))
                  .build());
      g.provider.answer(400, 5); // a 4xx is dead-lettered at once
      g.send(3);
      g.at("10:05");
      receiver.await(1);
      AlertFixture.await(() -> sent.size() == 1);

      assertThat(sent.get(0).channelId()).isEqualTo(channel.id());
      assertThat(sent.get(0).channelType()).isEqualTo("webhook");
      assertThat(sent.get(0).success()).isTrue();
      assertThat(deliveries).hasSize(3).allMatch(d -> d.destinationId().equals(g.destination));
      assertThat(g.hs.metrics().deliveries(g.scope, MetricsQuery.DEFAULT).points())
          .extracting(DeliveryPoint::destinationId)
          .containsOnly(g.destination);
    }
  }

  private AlertRule rule(
      String type,
      Map<String, Object> config,
      java.util.function.UnaryOperator<AlertRuleSpec.Builder> more) {
    List<String> channels =
        f
            .hs
            .notificationChannels()
            .list(f.scope, io.hookstream.page.PageRequest.first(10))
            .items()
            .stream()
            .map(NotificationChannel::id)
            .toList();
    return f.hs
        .alertRules()
        .create(
            f.scope,
            more.apply(
                    AlertRuleSpec.builder()
                        .name(type + " rule")
                        .ruleType(type)
                        .ruleConfig(config)
                        .channelIds(channels))
                .build());
  }

  private static String ruleIdOf(Received r) {
    try {
      return JSON.readTree(r.body()).path("alert_rule").path("id").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
