package io.hookstream.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Circuit breaker thresholds, the same for every destination: the circuit opens after {@code
 * failureThreshold} consecutive retryable failures and allows one probe after {@code cooldown}.
 */
public record CircuitSettings(int failureThreshold, Duration cooldown) {

  public static final int DEFAULT_FAILURE_THRESHOLD = 5;
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
  public static final CircuitSettings DEFAULT =
      new CircuitSettings(DEFAULT_FAILURE_THRESHOLD, DEFAULT_COOLDOWN);

  public CircuitSettings {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1: " + failureThreshold);
    }
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
    }
  }
}
