package io.hookstream.providers.http.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header: delay seconds or an HTTP-date, capped at 24 hours; a date in
 * the past means zero. Unreadable values give null, so a receiver's garbage never breaks a
 * delivery.
 */
public final class RetryAfter {

  public static final Duration MAX = Duration.ofHours(24);

  private RetryAfter() {}

  /** The delay {@code value} asks for, measured from {@code now}, or null. */
  public static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      // Anything longer than 6 digits is beyond the cap anyway; avoids overflow.
      return trimmed.length() > 6 ? MAX : cap(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    Instant at = httpDate(trimmed);
    if (at == null) {
      return null;
    }
    Duration delay = Duration.between(now, at);
    return delay.isNegative() ? Duration.ZERO : cap(delay);
  }

  private static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null; // Not an HTTP-date: the header is ignored, as RFC 9110 allows.
    }
  }

  private static Duration cap(Duration delay) {
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }
}
