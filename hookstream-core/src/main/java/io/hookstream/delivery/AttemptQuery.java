package io.hookstream.delivery;

/**
 * Filters for listing delivery attempts; null fields do not filter. {@code dlq = true} lists the
 * dead letter queue. Build one with {@link #builder()}.
 */
public record AttemptQuery(
    String eventId, String connectionId, String destinationId, String status, Boolean dlq) {

  /** Every attempt. */
  public static final AttemptQuery ALL = new AttemptQuery(null, null, null, null, null);

  public static Builder builder() {
    return new Builder();
  }

  io.hookstream.spi.store.AttemptQuery toStore() {
    return new io.hookstream.spi.store.AttemptQuery(
        eventId, connectionId, destinationId, status, dlq);
  }

  /** Collects the filters; unset ones do not filter. */
  public static final class Builder {
    private String eventId;
    private String connectionId;
    private String destinationId;
    private String status;
    private Boolean dlq;

    private Builder() {}

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder connectionId(String connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    public Builder destinationId(String destinationId) {
      this.destinationId = destinationId;
      return this;
    }

    /** {@code success} or {@code failed}. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** True for dead-lettered attempts only, false for the others. */
    public Builder dlq(Boolean dlq) {
      this.dlq = dlq;
      return this;
    }

    public AttemptQuery build() {
      return new AttemptQuery(eventId, connectionId, destinationId, status, dlq);
    }
  }
}
