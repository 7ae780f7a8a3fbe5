package io.hookstream.servlet;

import java.time.Duration;
import java.util.Objects;

/**
 * A fixed-window request limit: at most {@code requests} per {@code window}. Immutable.
 *
 * @param requests requests allowed per window, at least 1
 * @param window the window length, at least one second
 */
public record RateLimit(int requests, Duration window) {
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be positive: " + requests);
    }
    if (window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("window must be at least one second: " + window);
    }
  }

  /** {@code requests} per minute. */
  public static RateLimit perMinute(int requests) {
    return new RateLimit(requests, Duration.ofMinutes(1));
  }
}
