package io.hookstream.observe;

import java.time.Duration;

/**
 * An accepted ingest: the stored event's id (for a duplicate, the original's), its source and
 * tenant, and how long the ingest pipeline took (verification, dedup, the durable write).
 */
public record ReceivedEvent(
    String orgId,
    String envId,
    String sourceId,
    String eventId,
    boolean duplicate,
    Duration ingestDuration) {}
