/**
 * Traffic metrics ({@code GET /v1/metrics/*}): event volume, delivery outcomes and latency
 * percentiles by hour or UTC day, and an overview: {@link io.hookstream.metrics.MetricsService}.
 * The last 48 hours are read from raw events and attempts; older buckets from hourly and daily
 * rollups that a job on the engine clock writes.
 */
package io.hookstream.metrics;
