package io.hookstream.metrics;

/**
 * The summary of {@code GET /v1/metrics/overview}. "Today" is the current UTC day, "this week" the
 * seven UTC days ending today. Deliveries count attempts; {@code successRateToday} is a percentage
 * with two decimals, null before today's first attempt. {@code dlqCount} counts tasks in the dead
 * letter queue; {@code activeCollections} counts the environment's collections.
 */
public record MetricsOverview(
    long eventsToday,
    long eventsThisWeek,
    long activeSources,
    long deliveriesToday,
    long successToday,
    long failedToday,
    Double successRateToday,
    long dlqCount,
    long activeDestinations,
    long openIssues,
    long activeCollections) {}
