package io.hookstream.ingest;

/**
 * The answer to an accepted webhook: the stored event's id and its source. When {@code duplicate}
 * is true the request was a duplicate within the dedup window: {@code eventId} is the original
 * event's id, and the duplicate was stored for visibility but not routed.
 */
public record IngestResult(String eventId, String sourceId, boolean duplicate) {}
