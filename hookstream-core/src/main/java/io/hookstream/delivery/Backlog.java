package io.hookstream.delivery;

/**
 * The delivery work not yet settled, across every organization sharing the store: {@code pending}
 * tasks (waiting for their next attempt, or being delivered now) and, of those, the {@code due}
 * ones that wait for a free worker. A due count that keeps growing means delivery falls behind.
 */
public record Backlog(long pending, long due) {}
