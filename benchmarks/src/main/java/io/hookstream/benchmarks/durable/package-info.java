/** Harness 2: durable ingest on PostgreSQL against a bare JDBC insert loop. */
package io.hookstream.benchmarks.durable;
