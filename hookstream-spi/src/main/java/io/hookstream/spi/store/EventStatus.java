package io.hookstream.spi.store;

import java.util.Locale;

/** An event's lifecycle: received → processing → delivered | failed. */
public enum EventStatus {
  /** Stored; not routed yet, or no connection matched. */
  RECEIVED,
  /** Routed to at least one destination; deliveries outstanding. */
  PROCESSING,
  /** Every routed delivery succeeded. */
  DELIVERED,
  /** At least one delivery exhausted its retries. */
  FAILED;

  /** The lower-case name used in the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an API name (any case). */
  public static EventStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
