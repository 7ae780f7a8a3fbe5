package io.hookstream.alert.internal;

import io.hookstream.internal.Json;
import io.hookstream.issue.IssueSeverity;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.MonitoringRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Whether a rule's condition held over one window {@code [from, to)}, and what was measured. The
 * comparisons are "at or above the threshold". Stateless.
 */
final class RuleCheck {

  /** The condition, and a sentence for the history and the notification. */
  record Result(boolean held, String message) {}

  private static final Duration ISSUE_SCAN_SLACK = Duration.ofMinutes(1);

  private final Store store;

  RuleCheck(Store store) {
    this.store = store;
  }

  Result check(AlertRuleRecord rule, Instant from, Instant to) {
    Map<String, Object> config = Json.toMap(rule.configJson());
    MonitoringRepository m = store.monitoring();
    return switch (rule.ruleType()) {
      case RuleConfigs.FAILURE_RATE -> {
        WindowStats s = m.attempts(rule.scope(), rule.sourceId(), rule.destinationId(), from, to);
        double threshold = RuleConfigs.shareOf(config);
        long min = RuleConfigs.count(config, "min_attempts", 1);
        yield new Result(
            s.attempts() >= min && s.failureRatio() >= threshold,
            "Failure rate "
                + percent(s.failureRatio())
                + " ("
                + s.failures()
                + " of "
                + s.attempts()
                + " attempts) against a "
                + percent(threshold)
                + " threshold");
      }
      case RuleConfigs.LATENCY -> {
        int p = RuleConfigs.percentile(config);
        double threshold = ((Number) config.get("threshold_ms")).doubleValue();
        OptionalLong latency =
            m.latencyPercentile(rule.scope(), rule.sourceId(), rule.destinationId(), from, to, p);
        yield new Result(
            latency.isPresent() && latency.getAsLong() >= threshold,
            "p"
                + p
                + " latency "
                + (latency.isPresent() ? latency.getAsLong() + " ms" : "unknown (no attempts)")
                + " against a "
                + Math.round(threshold)
                + " ms threshold");
      }
      case RuleConfigs.VOLUME_DROP -> {
        Duration length = Duration.between(from, to);
        long now = m.events(rule.scope(), rule.sourceId(), from, to);
        long before = m.events(rule.scope(), rule.sourceId(), from.minus(length), from);
        double drop = before == 0 ? 0 : (double) (before - now) / before;
        yield new Result(
            before > 0 && drop >= RuleConfigs.shareOf(config),
            "Event volume "
                + now
                + " against "
                + before
                + " in the previous window (a "
                + percent(Math.max(0, drop))
                + " drop; threshold "
                + percent(RuleConfigs.shareOf(config))
                + ")");
      }
      case RuleConfigs.DLQ -> {
        WindowStats s = m.attempts(rule.scope(), rule.sourceId(), rule.destinationId(), from, to);
        long threshold = RuleConfigs.count(config, "threshold", 1);
        yield new Result(
            s.deadLettered() >= threshold,
            s.deadLettered() + " events dead-lettered against a threshold of " + threshold);
      }
      case RuleConfigs.ISSUE_OPENED -> {
        Object severity = config.get("severity");
        long opened = issuesOpened(rule, severity == null ? null : severity.toString(), from, to);
        yield new Result(
            opened > 0, opened + (severity == null ? "" : " " + severity) + " issues opened");
      }
      default -> throw new IllegalStateException("unknown rule type " + rule.ruleType());
    };
  }

  /** Issues of the rule's scope first seen in the window; issue ids sort by creation time. */
  private long issuesOpened(AlertRuleRecord rule, String severity, Instant from, Instant to) {
    long n = 0;
    String after = null;
    while (true) {
      Page<IssueRecord> page =
          store
              .issues()
              .list(rule.scope(), null, rule.destinationId(), new PageRequest(after, 100));
      for (IssueRecord i : page.items()) {
        if (i.firstSeenAt().isBefore(from.minus(ISSUE_SCAN_SLACK))) {
          return n;
        }
        if (!i.firstSeenAt().isBefore(from)
            && i.firstSeenAt().isBefore(to)
            && (severity == null || severity.equals(IssueSeverity.of(i.errorType())))) {
          n++;
        }
      }
      after = page.nextAfter();
      if (after == null) {
        return n;
      }
    }
  }

  static String percent(double ratio) {
    double p = ratio * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.format("%.1f", p)) + "%";
  }
}
