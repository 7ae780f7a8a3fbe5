package io.hookstream.metrics;

import java.time.Instant;

/** Events one source received in one bucket; {@code sourceName} is null for a deleted source. */
public record VolumePoint(Instant bucket, String sourceId, String sourceName, long eventCount) {}
