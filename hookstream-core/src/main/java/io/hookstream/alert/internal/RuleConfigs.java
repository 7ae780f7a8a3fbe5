package io.hookstream.alert.internal;

import io.hookstream.internal.Validation;
import io.hookstream.issue.IssueSeverity;
import java.util.Map;
import java.util.Set;

/**
 * The five rule types and their {@code rule_config}: checked when a rule is written (each error
 * names {@code rule_config.<field>}), read when it is evaluated. A {@code threshold} that is a
 * share ({@code failure_rate}, {@code volume_drop}) is a ratio when at most 1 ({@code 0.05} = 5 %)
 * and a percentage above 1 ({@code 10} = 10 %), the two forms the documentation uses. Stateless.
 */
public final class RuleConfigs {

  public static final String FAILURE_RATE = "failure_rate";
  public static final String LATENCY = "latency";
  public static final String VOLUME_DROP = "volume_drop";
  public static final String DLQ = "dlq";
  public static final String ISSUE_OPENED = "issue_opened";
  public static final Set<String> TYPES =
      Set.of(FAILURE_RATE, LATENCY, VOLUME_DROP, DLQ, ISSUE_OPENED);

  private static final Set<String> SOURCE_SCOPED = Set.of(FAILURE_RATE, LATENCY, VOLUME_DROP, DLQ);
  private static final Set<String> DESTINATION_SCOPED =
      Set.of(FAILURE_RATE, LATENCY, DLQ, ISSUE_OPENED);

  private static final String PREFIX = "rule_config.";

  private RuleConfigs() {}

  /** Whether a rule of {@code type} can watch one source. */
  public static boolean watchesSources(String type) {
    return SOURCE_SCOPED.contains(type);
  }

  /** Whether a rule of {@code type} can watch one destination. */
  public static boolean watchesDestinations(String type) {
    return DESTINATION_SCOPED.contains(type);
  }

  /** Adds an error to {@code v} for each bad field of {@code config} for {@code type}. */
  public static void check(String type, Map<String, Object> config, Validation v) {
    switch (type) {
      case FAILURE_RATE -> {
        checkShare(config, v);
        checkCount(config, "min_attempts", false, v);
      }
      case LATENCY -> {
        Object ms = config.get("threshold_ms");
        if (!(ms instanceof Number n) || n.doubleValue() <= 0) {
          v.error(PREFIX + "threshold_ms", "is required: a number of milliseconds above 0");
        }
        String field = config.containsKey("percentile") ? "percentile" : "percentile_target";
        Object p = config.get(field);
        if (p != null && percentileOf(p) < 0) {
          v.error(PREFIX + field, "must be p50, p95 or p99 (or 50, 95, 99); got " + p);
        }
      }
      case VOLUME_DROP -> checkShare(config, v);
      case DLQ -> checkCount(config, "threshold", false, v);
      case ISSUE_OPENED -> {
        Object severity = config.get("severity");
        if (severity != null && !IssueSeverity.ALL.contains(severity)) {
          v.error(PREFIX + "severity", "must be critical, warning or info; got " + severity);
        }
      }
      default -> throw new IllegalArgumentException(type);
    }
  }

  /** A share threshold as a ratio: ≤ 1 is a ratio already, above 1 a percentage. */
  static double shareOf(Map<String, Object> config) {
    double t = ((Number) config.get("threshold")).doubleValue();
    return t <= 1 ? t : t / 100;
  }

  /** An optional whole-number setting, or {@code fallback}. */
  static long count(Map<String, Object> config, String field, long fallback) {
    Object n = config.get(field);
    return n instanceof Number number ? number.longValue() : fallback;
  }

  /** The latency percentile to compare (default 95). */
  static int percentile(Map<String, Object> config) {
    Object p =
        config.containsKey("percentile")
            ? config.get("percentile")
            : config.get("percentile_target");
    return p == null ? 95 : percentileOf(p);
  }

  private static int percentileOf(Object p) {
    String s = String.valueOf(p).toLowerCase(java.util.Locale.ROOT);
    s = s.startsWith("p") ? s.substring(1) : s;
    s = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    return switch (s) {
      case "50" -> 50;
      case "95" -> 95;
      case "99" -> 99;
      default -> -1;
    };
  }

  private static void checkShare(Map<String, Object> config, Validation v) {
    Object t = config.get("threshold");
    if (!(t instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 100) {
      v.error(
          PREFIX + "threshold",
          "is required: a ratio (0 < t <= 1, e.g. 0.1) or a percentage (1 < t <= 100, e.g. 10)");
    }
  }

  private static void checkCount(
      Map<String, Object> config, String field, boolean required, Validation v) {
    Object n = config.get(field);
    if ((n == null && required)
        || (n != null
            && !(n instanceof Number number
                && number.doubleValue() >= 1
                && number.doubleValue() == Math.floor(number.doubleValue())
                && number.doubleValue() <= 1_000_000_000))) {
      v.error(PREFIX + field, "must be a whole number of at least 1; got " + n);
    }
  }
}
