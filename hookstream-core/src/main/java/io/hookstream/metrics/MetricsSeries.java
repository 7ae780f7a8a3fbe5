package io.hookstream.metrics;

import java.util.List;

/**
 * The points of one series, bucket by bucket (oldest first, then by id), with its granularity.
 * Buckets without traffic have no point.
 */
public record MetricsSeries<T>(Granularity granularity, List<T> points) {
  public MetricsSeries {
    points = List.copyOf(points);
  }
}
