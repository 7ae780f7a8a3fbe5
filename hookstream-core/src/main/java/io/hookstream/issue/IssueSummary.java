package io.hookstream.issue;

/** Issue counts by status, as {@code GET /v1/issues/summary} answers. */
public record IssueSummary(long open, long acknowledged, long resolved) {}
