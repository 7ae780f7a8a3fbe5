package io.hookstream.verify.internal;

import java.time.Duration;
import java.time.Instant;

/** Parses signature timestamps and checks them against a tolerance in both directions. */
final class Timestamps {

  private Timestamps() {}

  /** Unix seconds as sent in {@code where}; a non-integer is a malformed header. */
  static Instant parseSeconds(String value, String where) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(value.trim()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw Rejections.malformed(
          where, "timestamp '" + abbreviate(value) + "' is not Unix seconds");
    }
  }

  /** Rejects {@code timestamp} if it is more than {@code tolerance} before or after {@code now}. */
  static void check(Instant timestamp, Instant now, Duration tolerance, String where) {
    long skewMillis = Duration.between(timestamp, now).toMillis();
    if (Math.abs(skewMillis) > tolerance.toMillis()) {
      String amount = seconds(Math.abs(skewMillis)) + (skewMillis > 0 ? " old" : " in the future");
      throw Rejections.outsideTolerance(where, amount, tolerance.toSeconds());
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0
        ? (millis / 1000) + " s"
        : String.format(java.util.Locale.ROOT, "%.3f s", millis / 1000.0);
  }

  /** Keeps attacker-supplied text in messages short. */
  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
