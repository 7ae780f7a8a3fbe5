package io.hookstream.delivery;

/**
 * The answer to {@code POST /v1/issues/:id/retry}: of the {@code total} failed events behind the
 * issue, {@code retried} were queued again (the others were already pending again).
 */
public record IssueRetryResult(int retried, int total) {}
