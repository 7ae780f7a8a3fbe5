package io.hookstream.observe;

import java.time.Duration;

/**
 * One notification sent to a notification channel ({@code webhook}, {@code slack}, {@code email},
 * ...): whether the channel accepted it, and how long sending took.
 */
public record SentNotification(
    String orgId,
    String envId,
    String channelId,
    String channelType,
    boolean success,
    Duration latency) {}
