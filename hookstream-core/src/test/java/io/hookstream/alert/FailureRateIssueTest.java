package io.hookstream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.issue.Issue;
import io.hookstream.page.PageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure-rate issue (default: half of at least 10 attempts in a 5-minute window) with its
 * severity, the severity filter, and the auto-resolve 30 minutes after the rate falls.
 */
class FailureRateIssueTest {

  private final AlertFixture f = new AlertFixture(Instant.parse("2026-03-01T10:01:00Z"));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aHighFailureRateOpensAWarningIssueThatResolvesWhenItFalls() {
    f.provider.answer(503, 5);
    f.send(10);
    f.at("10:05");

    List<Issue> warnings = f.hs.issues().list(f.scope, "open", null, "warning", page()).items();
    assertThat(warnings)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType()).isEqualTo("failure_rate");
              assertThat(i.destinationId()).isEqualTo(f.destination);
              assertThat(i.message()).startsWith("100% of deliveries failed in 5 minutes");
            });
    assertThat(f.hs.issues().list(f.scope, "open", null, "critical", page()).items())
        .extracting(Issue::errorType)
        .doesNotContain("failure_rate");

    f.provider.answer(200, 5);
    f.at("10:10"); // retries succeed: the window 10:05-10:10 is healthy
    f.at("10:34");
    assertThat(status(warnings.get(0).id())).isEqualTo("open");
    f.at("10:36");
    assertThat(status(warnings.get(0).id())).isEqualTo("resolved");
  }

  @Test
  void fewerAttemptsThanTheMinimumOpenNothing() {
    f.provider.answer(503, 5);
    f.send(9);
    f.at("10:05");
    assertThat(f.hs.issues().list(f.scope, "all", null, "warning", page()).items()).isEmpty();
  }

  @Test
  void severityFollowsTheErrorType() {
    f.provider.answer(400, 5); // dead-lettered: critical
    f.send(1);
    List<Issue> critical = f.hs.issues().list(f.scope, "open", null, "critical", page()).items();
    assertThat(critical)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType()).isEqualTo("http_4xx");
              assertThat(i.severity()).isEqualTo("critical");
            });
    assertThat(f.hs.issues().list(f.scope, "open", null, "info", page()).items()).isEmpty();
  }

  private String status(String issueId) {
    return f.hs.issues().get(f.scope, issueId).status();
  }

  private static PageRequest page() {
    return PageRequest.first(20);
  }
}
