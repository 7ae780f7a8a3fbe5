package io.hookstream.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Reconnection delays: {@code initial} after the first failure, doubling after each further
 * consecutive failure, never more than {@code max}. The default is 1 s, 2 s, 4 s ... capped at 30
 * s, as the hookstream dashboard does. Immutable.
 */
public record Backoff(Duration initial, Duration max) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
  }

  /** The delay before reconnection attempt {@code failures} (0 for the first). */
  public Duration delay(int failures) {
    Duration d = initial;
    for (int i = 0; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
