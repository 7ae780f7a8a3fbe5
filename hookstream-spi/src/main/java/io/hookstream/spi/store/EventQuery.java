package io.hookstream.spi.store;

import java.time.Instant;

/**
 * Filters for listing events; null fields do not filter. {@code after}/{@code before} bound {@code
 * receivedAt} (inclusive/exclusive); {@code search} matches an event id prefix or a substring of
 * the body.
 */
public record EventQuery(
    String sourceId, EventStatus status, Instant after, Instant before, String search) {
  public static final EventQuery ALL = new EventQuery(null, null, null, null, null);
}
