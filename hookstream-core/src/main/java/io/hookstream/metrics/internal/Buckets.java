package io.hookstream.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Bucket arithmetic in UTC: hours and days. */
public final class Buckets {

  public static final Duration HOUR = Duration.ofHours(1);
  public static final Duration DAY = Duration.ofDays(1);

  private Buckets() {}

  public static Instant floor(Instant t, Duration size) {
    return t.truncatedTo(size.equals(DAY) ? ChronoUnit.DAYS : ChronoUnit.HOURS);
  }

  /** The first bucket boundary at or after {@code t}. */
  public static Instant ceil(Instant t, Duration size) {
    Instant floor = floor(t, size);
    return floor.equals(t) ? t : floor.plus(size);
  }

  public static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  public static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
