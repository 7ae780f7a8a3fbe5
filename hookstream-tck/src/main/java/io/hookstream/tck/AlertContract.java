package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.AlertEvaluation;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.AlertTriggerRecord;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationWindowStats;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.NotificationChannelRecord;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.spi.store.WindowStats;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Notification channels, alert rules and the window statistics: scoped reads, user edits that leave
 * the evaluation state alone, the window claim that lets one commit per rule and window win (with
 * its history entry and notification tasks, or nothing), and the counts the rules read.
 */
abstract class AlertContract extends RepositoryContract {

  AlertContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void channelsAreReadUpdatedAndDeletedInTheirOwnScopeOnly() {
    NotificationChannelRecord c = channel(scope);
    NotificationChannelRecord second = channel(scope);

    assertThat(store.notificationChannels().find(scope, c.id())).contains(c);
    assertThat(store.notificationChannels().find(other, c.id())).isEmpty();
    assertThat(store.notificationChannels().findById(c.id())).contains(c);
    assertThat(store.notificationChannels().list(scope, new PageRequest(null, 10)).items())
        .extracting(NotificationChannelRecord::id)
        .containsExactly(second.id(), c.id());
    NotificationChannelRecord renamed =
        new NotificationChannelRecord(
            c.id(),
            c.orgId(),
            c.envId(),
            "pager",
            "slack",
            "{\"url\":\"https://x\"}",
            c.createdAt(),
            clock.now());
    assertThat(store.notificationChannels().update(renamed)).isTrue();
    assertThat(store.notificationChannels().find(scope, c.id())).contains(renamed);
    assertThat(store.notificationChannels().delete(other, c.id())).isFalse();
    assertThat(store.notificationChannels().delete(scope, c.id())).isTrue();
    assertThat(store.notificationChannels().findById(c.id())).isEmpty();
  }

  @Test
  void userEditsKeepTheEvaluationStateAndRulesNameTheirChannels() {
    NotificationChannelRecord c = channel(scope);
    AlertRuleRecord rule = insert(rule(scope, List.of(c.id())));
    Instant window = window(1);
    assertThat(store.alertRules().commitEvaluation(evaluation(rule, window, true, List.of())))
        .isTrue();

    AlertRuleRecord edited =
        new AlertRuleRecord(
            rule.id(),
            rule.orgId(),
            rule.envId(),
            "renamed",
            "latency",
            "{\"threshold_ms\":9}",
            null,
            "dst_x",
            List.of(),
            5,
            false,
            false,
            null,
            null,
            null,
            rule.createdAt(),
            clock.now());
    assertThat(store.alertRules().update(edited)).isTrue();

    AlertRuleRecord stored = store.alertRules().find(scope, rule.id()).orElseThrow();
    assertThat(stored.name()).isEqualTo("renamed");
    assertThat(stored.configJson()).isEqualTo("{\"threshold_ms\":9}");
    assertThat(stored.enabled()).isFalse();
    assertThat(stored.firing()).isTrue();
    assertThat(stored.lastWindow()).isEqualTo(window);
    assertThat(stored.lastTriggeredAt()).isEqualTo(window);
    assertThat(store.alertRules().usingChannel(scope, c.id())).isEmpty();
    AlertRuleRecord using = insert(rule(scope, List.of("nc_other", c.id())));
    assertThat(store.alertRules().usingChannel(scope, c.id()))
        .extracting(AlertRuleRecord::id)
        .containsExactly(using.id());
    assertThat(store.alertRules().usingChannel(other, c.id())).isEmpty();
    assertThat(store.alertRules().find(other, rule.id())).isEmpty();
    assertThat(store.alertRules().list(scope, new PageRequest(null, 10)).items())
        .extracting(AlertRuleRecord::id)
        .containsExactly(using.id(), rule.id());
  }

  @Test
  void aWindowIsCommittedOnceWithItsHistoryAndNotifications() {
    AlertRuleRecord rule = insert(rule(scope, List.of("nc_a")));
    Instant first = window(2);
    DeliveryTask won = notification(rule);
    DeliveryTask lost = notification(rule);
    leaveBehind(List.of(won));

    assertThat(dueIds(first)).contains(rule.id());
    assertThat(store.alertRules().commitEvaluation(evaluation(rule, first, true, List.of(won))))
        .isTrue();
    assertThat(store.alertRules().commitEvaluation(evaluation(rule, first, true, List.of(lost))))
        .isFalse();
    assertThat(dueIds(first)).doesNotContain(rule.id());
    assertThat(dueIds(first.plus(Duration.ofMinutes(5)))).contains(rule.id());

    assertThat(store.deliveries().findTask(scope, won.id())).isPresent();
    assertThat(store.deliveries().findTask(scope, lost.id())).isEmpty();
    List<AlertTriggerRecord> history = store.alertRules().history(scope, rule.id(), 10);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).message()).isEqualTo("held at " + first);
    assertThat(store.alertRules().history(other, rule.id(), 10)).isEmpty();

    Instant earlier = first.minus(Duration.ofMinutes(5));
    assertThat(store.alertRules().commitEvaluation(evaluation(rule, earlier, false, List.of())))
        .as("an older window never replaces a newer one")
        .isFalse();
    Instant next = first.plus(Duration.ofMinutes(5));
    assertThat(store.alertRules().commitEvaluation(evaluation(rule, next, false, List.of())))
        .isTrue();
    assertThat(store.alertRules().history(scope, rule.id(), 10))
        .extracting(AlertTriggerRecord::message)
        .containsExactly("clear at " + next, "held at " + first);

    assertThat(store.alertRules().delete(scope, rule.id())).isTrue();
    assertThat(store.alertRules().history(scope, rule.id(), 10)).isEmpty();
  }

  @Test
  void nodesCommittingTheSameWindowAtOnceHaveOneWinner() throws Exception {
    AlertRuleRecord rule = insert(rule(scope, List.of("nc_a")));
    Instant window = window(3);
    List<DeliveryTask> tasks =
        List.of(notification(rule), notification(rule), notification(rule), notification(rule));

    List<Boolean> won =
        Concurrently.run(
            tasks.size(),
            i ->
                () ->
                    store
                        .alertRules()
                        .commitEvaluation(evaluation(rule, window, true, List.of(tasks.get(i)))));

    assertThat(won).containsOnlyOnce(true);
    List<DeliveryTask> stored =
        tasks.stream().filter(t -> store.deliveries().findTask(scope, t.id()).isPresent()).toList();
    assertThat(stored).hasSize(1);
    leaveBehind(stored);
    assertThat(store.alertRules().history(scope, rule.id(), 10)).hasSize(1);
  }

  @Test
  void windowStatsCountTheAttemptsAndEventsOfTheWindowOnly() {
    Route r = route(scope);
    Route elsewhere = route(scope);
    Instant from = window(4);
    Instant to = from.plus(Duration.ofMinutes(5));
    EventRecord e = event(r, from);
    attempt(r, e, "failed", false, 1000, from.minusMillis(1)); // before the window
    attempt(r, e, "failed", false, 10, from);
    attempt(r, e, "failed", true, 20, from.plusSeconds(60));
    attempt(r, e, "success", false, 30, from.plusSeconds(120));
    attempt(r, e, "success", false, 40, to.minusMillis(1));
    attempt(r, e, "failed", false, 1000, to); // after it
    EventRecord e2 = event(elsewhere, from);
    attempt(elsewhere, e2, "success", false, 500, from.plusSeconds(10));
    Route channel = new Route(scope, r.sourceId(), "nc_" + ids.next("x"), "ar_x");
    attempt(channel, e, "failed", false, 999, from.plusSeconds(10)); // a notification

    assertThat(store.monitoring().attempts(scope, null, r.destinationId(), from, to))
        .isEqualTo(new WindowStats(4, 2, 1));
    assertThat(store.monitoring().attempts(scope, r.sourceId(), null, from, to))
        .isEqualTo(new WindowStats(4, 2, 1));
    assertThat(store.monitoring().attempts(scope, null, null, from, to))
        .isEqualTo(new WindowStats(5, 2, 1));
    assertThat(store.monitoring().attempts(other, null, null, from, to))
        .isEqualTo(WindowStats.EMPTY);
    assertThat(store.monitoring().latencyPercentile(scope, null, r.destinationId(), from, to, 50))
        .isEqualTo(OptionalLong.of(20));
    assertThat(store.monitoring().latencyPercentile(scope, null, null, from, to, 95))
        .isEqualTo(OptionalLong.of(500));
    assertThat(store.monitoring().latencyPercentile(other, null, null, from, to, 95)).isEmpty();
    assertThat(
            store.monitoring().attemptsByDestination(from, to, 2, 100_000).stream()
                .filter(d -> d.scope().equals(scope)))
        .containsExactly(
            new DestinationWindowStats(
                scope.orgId(), scope.envId(), r.destinationId(), new WindowStats(4, 2, 1)));

    store.events().insert(fx.duplicateOf(e, ids.next("evt")));
    event(r, from.plusSeconds(30));
    event(r, to);
    assertThat(store.monitoring().events(scope, r.sourceId(), from, to)).isEqualTo(2);
    assertThat(store.monitoring().events(scope, null, from, to)).isEqualTo(3);
    assertThat(store.monitoring().events(other, null, from, to)).isZero();
  }

  private NotificationChannelRecord channel(Scope s) {
    NotificationChannelRecord c =
        new NotificationChannelRecord(
            ids.next("nc"),
            s.orgId(),
            s.envId(),
            "ops",
            "webhook",
            "{\"url\":\"https://ops.example.com/alerts\",\"secret\":\"s3cret\"}",
            clock.now(),
            clock.now());
    store.notificationChannels().insert(c);
    return c;
  }

  private AlertRuleRecord rule(Scope s, List<String> channels) {
    return new AlertRuleRecord(
        ids.next("ar"),
        s.orgId(),
        s.envId(),
        "High failure rate",
        "failure_rate",
        "{\"threshold\":0.1}",
        null,
        null,
        channels,
        60,
        true,
        false,
        null,
        null,
        null,
        clock.now(),
        clock.now());
  }

  private AlertRuleRecord insert(AlertRuleRecord r) {
    store.alertRules().insert(r);
    return r;
  }

  private AlertEvaluation evaluation(
      AlertRuleRecord r, Instant window, boolean held, List<DeliveryTask> notifications) {
    AlertTriggerRecord t =
        new AlertTriggerRecord(
            ids.next("ah"),
            r.id(),
            r.orgId(),
            r.envId(),
            held ? "triggered" : "resolved",
            (held ? "held at " : "clear at ") + window,
            window);
    return new AlertEvaluation(
        r.id(),
        r.scope(),
        window,
        held,
        held ? window : null,
        held ? window : null,
        t,
        notifications);
  }

  private DeliveryTask notification(AlertRuleRecord r) {
    return fx.task(r.scope(), ids.next("dlv"), ids.next("ntf"), r.id(), "nc_a", NEVER, clock.now());
  }

  private List<String> dueIds(Instant window) {
    return store.alertRules().dueForWindow(window, 100_000).stream()
        .map(AlertRuleRecord::id)
        .toList();
  }

  /** A 5-minute window of its own for test {@code n}, far from the clock's. */
  private static Instant window(int n) {
    return Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(n));
  }

  /** Records one attempt at {@code at} through a task of its own, as the scheduler settles. */
  private void attempt(
      Route r, EventRecord e, String status, boolean dlq, long latency, Instant at) {
    DeliveryTask task = fx.task(r, e.id(), NEVER, clock.now());
    store.deliveries().insertTasks(List.of(task));
    DeliveryTask leased = task.claimed("stats", NEVER, clock.now());
    assertThat(store.deliveries().update(leased)).isTrue();
    AttemptRecord a =
        new AttemptRecord(
            ids.next("da"),
            task.orgId(),
            task.envId(),
            e.id(),
            task.connectionId(),
            task.destinationId(),
            task.id(),
            1,
            status,
            200,
            latency,
            Map.of(),
            Map.of(),
            null,
            null,
            null,
            dlq,
            dlq ? at : null,
            null,
            at);
    assertThat(
            store
                .deliveries()
                .settle("stats", leased.settled(TaskStatus.CANCELLED, 1, NEVER, at), a))
        .isTrue();
  }
}
