package io.hookstream.observe;

import java.util.Locale;

/**
 * How a delivery attempt ended. A failure that exhausted the retries (or cannot be retried) is
 * {@link #DLQ}, whatever its cause; {@link #TIMEOUT} and {@link #FAILURE} will be retried.
 */
public enum AttemptOutcome {
  SUCCESS,
  FAILURE,
  TIMEOUT,
  DLQ;

  /** The lower-case name, as metric tags and span attributes carry it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
