package io.hookstream.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.page.PageRequest;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IssueServiceTest {

  private static final Scope SCOPE = new Scope("org_1", "env_1");

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private final List<IssueRecord> heard = new CopyOnWriteArrayList<>();
  private final IssueService issues = new IssueService(store, clock, heard::add);

  private IssueRecord fail(String destination, String type, String attemptId) {
    return issues
        .tracker()
        .record(SCOPE, destination, type, "failed: " + type, attemptId, clock.now());
  }

  @Test
  void failuresGroupPerDestinationAndErrorType() {
    IssueRecord first = fail("dst_a", "http_5xx", "da_1");
    clock.advance(Duration.ofMinutes(1));
    IssueRecord second = fail("dst_a", "http_5xx", "da_2");
    fail("dst_a", "timeout", "da_3");
    fail("dst_b", "http_5xx", "da_4");

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.occurrenceCount()).isEqualTo(2);
    assertThat(second.firstSeenAt()).isEqualTo(first.firstSeenAt());
    assertThat(second.lastSeenAt()).isEqualTo(clock.now());
    assertThat(second.recentAttemptIds()).containsExactly("da_2", "da_1");
    assertThat(issues.list(SCOPE, "open", null, PageRequest.first(20)).items()).hasSize(3);
    assertThat(issues.list(SCOPE, null, "dst_a", PageRequest.first(20)).items()).hasSize(2);
    assertThat(heard).hasSize(4);
  }

  @Test
  void recentAttemptIdsKeepTheNewestTen() {
    IssueRecord issue = null;
    for (int i = 0; i < 15; i++) {
      issue = fail("dst_a", "network", "da_" + i);
    }
    assertThat(issue.occurrenceCount()).isEqualTo(15);
    assertThat(issue.recentAttemptIds()).hasSize(10).startsWith("da_14").endsWith("da_5");
  }

  @Test
  void statusUpdatesAndSummary() {
    IssueRecord a = fail("dst_a", "http_5xx", "da_1");
    IssueRecord b = fail("dst_b", "http_4xx", "da_2");
    fail("dst_c", "timeout", "da_3");
    issues.updateStatus(SCOPE, a.id(), "acknowledged");
    clock.advance(Duration.ofMinutes(2));
    Issue resolved = issues.updateStatus(SCOPE, b.id(), "resolved");
    assertThat(resolved.resolvedAt()).isEqualTo(clock.now());
    assertThat(issues.summary(SCOPE)).isEqualTo(new IssueSummary(1, 1, 1));

    assertThatThrownBy(() -> issues.updateStatus(SCOPE, a.id(), "closed"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("status");
            });
    assertThatThrownBy(() -> issues.get(SCOPE, "iss_nope"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void newFailureAfterResolutionOpensANewIssue() {
    IssueRecord old = fail("dst_a", "http_5xx", "da_1");
    issues.updateStatus(SCOPE, old.id(), "resolved");
    IssueRecord fresh = fail("dst_a", "http_5xx", "da_2");
    assertThat(fresh.id()).isNotEqualTo(old.id());
    assertThat(fresh.occurrenceCount()).isEqualTo(1);
    assertThat(issues.get(SCOPE, old.id()).status()).isEqualTo("resolved");
    // Reopening the old one while the new one is active is refused.
    assertThatThrownBy(() -> issues.updateStatus(SCOPE, old.id(), "open"))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void snoozeSetsAndClearsTheSnoozeTime() {
    IssueRecord issue = fail("dst_a", "http_5xx", "da_1");
    Instant until = clock.now().plus(Duration.ofHours(2));
    Issue snoozed = issues.snooze(SCOPE, issue.id(), until);
    assertThat(snoozed.snoozedUntil()).isEqualTo(until);
    assertThat(issues.snoozed(snoozed)).isTrue();
    // New occurrences still count while snoozed, and keep the snooze.
    IssueRecord during = fail("dst_a", "http_5xx", "da_2");
    assertThat(during.snoozedUntil()).isEqualTo(until);
    assertThat(during.occurrenceCount()).isEqualTo(2);
    clock.advance(Duration.ofHours(2));
    assertThat(issues.snoozed(issues.get(SCOPE, issue.id()))).isFalse();
    assertThat(issues.snooze(SCOPE, issue.id(), null).snoozedUntil()).isNull();
  }

  @Test
  void autoResolvesAfterThirtyMinutesWithoutANewOccurrence() {
    IssueRecord quiet = fail("dst_a", "http_5xx", "da_1");
    IssueRecord acked = fail("dst_b", "timeout", "da_2");
    issues.updateStatus(SCOPE, acked.id(), "acknowledged");
    clock.advance(Duration.ofMinutes(20));
    IssueRecord busy = fail("dst_c", "network", "da_3");

    clock.advance(Duration.ofMinutes(10));
    assertThat(issues.autoResolve()).isZero(); // exactly 30 min: not yet "more than"
    clock.advance(Duration.ofSeconds(1));
    assertThat(issues.autoResolve()).isEqualTo(2);
    assertThat(issues.get(SCOPE, quiet.id()).status()).isEqualTo("resolved");
    assertThat(issues.get(SCOPE, quiet.id()).resolvedAt()).isEqualTo(clock.now());
    assertThat(issues.get(SCOPE, acked.id()).status()).isEqualTo("resolved");
    assertThat(issues.get(SCOPE, busy.id()).status()).isEqualTo("open");
  }
}
