package io.hookstream.metrics;

import io.hookstream.spi.HookstreamException;
import java.time.Instant;

/**
 * The window and filters of a metrics series: {@code start} and {@code end}, end exclusive ({@code
 * end} defaults to the end of the current bucket, {@code start} to 24 hours before {@code end}),
 * the {@link Granularity} (hour by default), and a source or destination to narrow to. The window
 * is widened to whole buckets.
 */
public record MetricsQuery(
    Instant start, Instant end, Granularity granularity, String sourceId, String destinationId) {

  /** The last 24 hours by hour, every source and destination. */
  public static final MetricsQuery DEFAULT = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; {@link #build()} throws a 422 naming {@code end} if it precedes start. */
  public static final class Builder {
    private Instant start;
    private Instant end;
    private Granularity granularity = Granularity.HOUR;
    private String sourceId;
    private String destinationId;

    Builder() {}

    public Builder start(Instant v) {
      start = v;
      return this;
    }

    public Builder end(Instant v) {
      end = v;
      return this;
    }

    /** Null means the default, {@link Granularity#HOUR}. */
    public Builder granularity(Granularity v) {
      granularity = v == null ? Granularity.HOUR : v;
      return this;
    }

    public Builder sourceId(String v) {
      sourceId = v;
      return this;
    }

    public Builder destinationId(String v) {
      destinationId = v;
      return this;
    }

    public MetricsQuery build() {
      if (start != null && end != null && !end.isAfter(start)) {
        throw HookstreamException.invalid("end", "must be after start (" + start + "), got " + end);
      }
      return new MetricsQuery(start, end, granularity, sourceId, destinationId);
    }
  }
}
