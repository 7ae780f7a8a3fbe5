package io.hookstream.tools;

/**
 * One request of an idempotency test.
 *
 * @param attempt 1 for the first request
 * @param duplicate whether it answered as the first attempt did (same status, same body hash)
 */
public record IdempotencyAttempt(int attempt, ToolExchange exchange, boolean duplicate) {}
