package io.hookstream.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The size of a metrics bucket: an hour or a UTC day. */
public enum Granularity {
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1));

  private final Duration size;

  Granularity(Duration size) {
    this.size = size;
  }

  public Duration size() {
    return size;
  }

  /** {@code hour} or {@code day}, as the REST API spells it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The granularity spelled {@code hour} or {@code day} (any case); empty for anything else. */
  public static Optional<Granularity> parse(String s) {
    for (Granularity g : values()) {
      if (g.wire().equalsIgnoreCase(s)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
