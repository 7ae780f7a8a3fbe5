/**
 * Harness 7: collections on PostgreSQL: the guarded upsert against a bare {@code INSERT ... ON
 * CONFLICT} loop, the streamed export against a bare JDBC cursor (rate and heap), and record search
 * through a trigram index and a full-text index against a substring scan.
 */
package io.hookstream.benchmarks.collections;
