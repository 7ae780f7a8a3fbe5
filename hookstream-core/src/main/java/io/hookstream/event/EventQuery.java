package io.hookstream.event;

import io.hookstream.spi.store.EventStatus;
import java.time.Instant;

/**
 * Filters for listing events; null fields do not filter. {@code after}/{@code before} bound {@code
 * receivedAt} (inclusive/exclusive); {@code search} matches an event id prefix or a substring of
 * the body. Build one with {@link #builder()}.
 */
public record EventQuery(
    String sourceId, EventStatus status, Instant after, Instant before, String search) {

  /** Every event. */
  public static final EventQuery ALL = new EventQuery(null, null, null, null, null);

  public static Builder builder() {
    return new Builder();
  }

  io.hookstream.spi.store.EventQuery toStore() {
    return new io.hookstream.spi.store.EventQuery(sourceId, status, after, before, search);
  }

  /** Collects the filters; unset ones do not filter. */
  public static final class Builder {
    private String sourceId;
    private EventStatus status;
    private Instant after;
    private Instant before;
    private String search;

    private Builder() {}

    public Builder sourceId(String sourceId) {
      this.sourceId = sourceId;
      return this;
    }

    public Builder status(EventStatus status) {
      this.status = status;
      return this;
    }

    /** Received at or after {@code after}. */
    public Builder after(Instant after) {
      this.after = after;
      return this;
    }

    /** Received before {@code before}. */
    public Builder before(Instant before) {
      this.before = before;
      return this;
    }

    /** An event id prefix or a substring of the body. */
    public Builder search(String search) {
      this.search = search;
      return this;
    }

    public EventQuery build() {
      return new EventQuery(sourceId, status, after, before, search);
    }
  }
}
