package io.hookstream.spi.store;

/** Filters for listing attempts; null fields do not filter. */
public record AttemptQuery(
    String eventId, String connectionId, String destinationId, String status, Boolean dlq) {
  public static final AttemptQuery ALL = new AttemptQuery(null, null, null, null, null);
}
