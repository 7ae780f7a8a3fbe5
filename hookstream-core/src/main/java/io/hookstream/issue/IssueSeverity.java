package io.hookstream.issue;

import java.util.Set;

/**
 * How urgent an issue is, from its error type: {@code critical} when events stop arriving (a dead
 * letter, an open circuit, an endpoint gone), {@code warning} when deliveries fail but still go
 * through or transforms fail (a high failure rate, a transform error), {@code info} otherwise.
 */
public final class IssueSeverity {

  public static final String CRITICAL = "critical";
  public static final String WARNING = "warning";
  public static final String INFO = "info";
  public static final Set<String> ALL = Set.of(CRITICAL, WARNING, INFO);

  /** The error type of the failure-rate issue the engine opens every 5 minutes at most. */
  public static final String FAILURE_RATE = "failure_rate";

  private IssueSeverity() {}

  /** The severity of an issue of {@code errorType}. */
  public static String of(String errorType) {
    if (errorType == null) {
      return INFO;
    }
    return switch (errorType) {
      case "circuit_open", "endpoint_gone", "http_5xx", "http_4xx", "timeout", "network" ->
          CRITICAL;
      case FAILURE_RATE, "transform_error" -> WARNING;
      default -> INFO;
    };
  }
}
