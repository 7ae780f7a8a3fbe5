/**
 * Harness 7: collections on PostgreSQL: the guarded upsert against a bare {@code INSERT ... ON
 * CONFLICT} loop, the streamed export against a bare JDBC cursor (rate and heap), and record search
 * by full-text index against a substring scan (with and without a trigram index).
 */
package io.hookstream.benchmarks.collections;
