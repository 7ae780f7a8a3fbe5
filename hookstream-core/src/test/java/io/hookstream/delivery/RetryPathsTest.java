package io.hookstream.delivery;

import static io.hookstream.delivery.ScriptedProvider.ok;
import static io.hookstream.delivery.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The dead letter queue and the three manual retry paths. */
class RetryPathsTest {

  private final DeliveryFixture f = new DeliveryFixture();
  private final DeliveryScheduler scheduler = f.scheduler().build();
  private final AtomicBoolean healthy = new AtomicBoolean(false);

  /** A destination that fails non-retryably (400) until healthy: one attempt, then DLQ. */
  private DestinationRecord rejecting(String name) {
    DestinationRecord d = f.destination(name, RetryPolicy.DEFAULT, Delivery.DEFAULT);
    f.provider.script(d.id(), r -> healthy.get() ? ok() : status(400));
    return d;
  }

  @Test
  void retryEventQueuesEveryDestinationAgainAndKeepsOldAttempts() {
    DestinationRecord a = rejecting("a");
    DestinationRecord b = f.destination("b");
    String evt = f.event("{}", a, b);
    scheduler.runDueNow();
    assertThat(f.status(evt)).isEqualTo(EventStatus.FAILED);
    AttemptRecord dead =
        f.attempts(evt).stream().filter(AttemptRecord::dlq).findFirst().orElseThrow();

    healthy.set(true);
    EventRetryResult result = f.service.retryEvent(DeliveryFixture.SCOPE, evt);
    assertThat(result.errors()).isEmpty();
    assertThat(result.retried())
        .extracting(EventRetryResult.Retried::destinationId, EventRetryResult.Retried::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple(a.id(), "queued"),
            org.assertj.core.api.Assertions.tuple(b.id(), "queued"));
    assertThat(f.status(evt)).isEqualTo(EventStatus.PROCESSING);

    scheduler.runDueNow();
    assertThat(f.status(evt)).isEqualTo(EventStatus.DELIVERED);
    List<AttemptRecord> attempts = f.attempts(evt);
    assertThat(attempts).hasSize(4); // 2 originals kept + 2 new
    assertThat(attempts).contains(dead);
    assertThat(f.tasksOf(evt)).hasSize(4);
    assertThat(f.provider.received(b.id())).hasSize(2);
  }

  @Test
  void retryEventPullsAPendingRetryForwardInsteadOfDuplicatingIt() {
    DestinationRecord d = f.destination("later");
    f.provider.script(d.id(), r -> r.attemptNumber() == 1 ? status(500) : ok());
    String evt = f.event("{}", d);
    scheduler.runDueNow();
    DeliveryTask waiting = f.tasksOf(evt).get(0);
    assertThat(waiting.nextAttemptAt()).isAfter(f.clock.now());

    EventRetryResult result = f.service.retryEvent(DeliveryFixture.SCOPE, evt);
    assertThat(result.retried())
        .singleElement()
        .extracting(EventRetryResult.Retried::taskId)
        .isEqualTo(waiting.id());
    scheduler.runDueNow();
    assertThat(f.tasksOf(evt))
        .singleElement()
        .extracting(DeliveryTask::status)
        .isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void retryEventReportsDeletedDestinations() {
    DestinationRecord d = rejecting("doomed");
    String evt = f.event("{}", d);
    scheduler.runDueNow();
    f.store.destinations().delete(DeliveryFixture.SCOPE, d.id(), f.clock.now());
    EventRetryResult result = f.service.retryEvent(DeliveryFixture.SCOPE, evt);
    assertThat(result.retried()).isEmpty();
    assertThat(result.errors())
        .singleElement()
        .extracting(EventRetryResult.Error::destinationId)
        .isEqualTo(d.id());
  }

  @Test
  void retryAttemptRunsItsTaskAgainAtOnce() {
    DestinationRecord d = rejecting("attempt");
    String evt = f.event("{}", d);
    scheduler.runDueNow();
    AttemptRecord dead = f.attempts(evt).get(0);

    healthy.set(true);
    ScheduledDelivery task = f.service.retryAttempt(DeliveryFixture.SCOPE, dead.id());
    assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(task.id()).isEqualTo(dead.taskId());
    assertThat(f.status(evt)).isEqualTo(EventStatus.PROCESSING);
    scheduler.runDueNow();

    assertThat(f.attempts(evt))
        .extracting(AttemptRecord::attemptNumber, AttemptRecord::status)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(1, "failed"),
            org.assertj.core.api.Assertions.tuple(2, "success"));
    assertThat(f.status(evt)).isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void retryAttemptOfAnUnknownIdIsNotFound() {
    assertThatThrownBy(() -> f.service.retryAttempt(DeliveryFixture.SCOPE, "da_missing"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void retryIssueRetriesEveryFailedEventOfTheIssue() {
    DestinationRecord d = rejecting("bulk");
    DestinationRecord other = rejecting("other");
    for (int i = 0; i < 3; i++) {
      f.event("{}", d);
    }
    String unrelated = f.event("{}", other);
    scheduler.runDueNow();
    IssueRecord issue =
        f.issues("open").stream()
            .filter(i -> i.destinationId().equals(d.id()))
            .findFirst()
            .orElseThrow();
    assertThat(issue.occurrenceCount()).isEqualTo(3);

    healthy.set(true);
    IssueRetryResult result = f.service.retryIssue(DeliveryFixture.SCOPE, issue.id());
    assertThat(result).isEqualTo(new IssueRetryResult(3, 3));
    scheduler.runDueNow();
    assertThat(f.provider.received(d.id())).hasSize(6);
    assertThat(f.status(unrelated)).isEqualTo(EventStatus.FAILED);

    // A second bulk retry finds nothing dead any more.
    assertThat(f.service.retryIssue(DeliveryFixture.SCOPE, issue.id()))
        .isEqualTo(new IssueRetryResult(0, 3));
  }

  @Test
  void retriedEventThatFailsAgainReturnsToTheDeadLetterQueue() {
    DestinationRecord d = rejecting("again");
    String evt = f.event("{}", d);
    scheduler.runDueNow();
    f.service.retryEvent(DeliveryFixture.SCOPE, evt);
    f.clock.advance(Duration.ofSeconds(1));
    scheduler.runDueNow();
    assertThat(f.status(evt)).isEqualTo(EventStatus.FAILED);
    assertThat(f.attempts(evt)).filteredOn(AttemptRecord::dlq).hasSize(2);
  }
}
