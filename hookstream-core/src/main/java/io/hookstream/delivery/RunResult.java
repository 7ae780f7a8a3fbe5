package io.hookstream.delivery;

/**
 * What {@link DeliveryScheduler#runDueNow()} did: tasks claimed, and how each ended this round
 * (delivered, scheduled for a retry, dead-lettered, cancelled, or lost to another node).
 */
public record RunResult(
    int claimed, int succeeded, int retrying, int dead, int cancelled, int lost) {}
