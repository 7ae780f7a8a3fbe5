/** The latency sketch, bucket arithmetic, raw and rollup reads, and the rollup job. */
package io.hookstream.metrics.internal;
