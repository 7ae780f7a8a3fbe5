/**
 * Micrometer metrics for a hookstream engine: {@link io.hookstream.micrometer.HookstreamMetrics}.
 */
package io.hookstream.micrometer;
