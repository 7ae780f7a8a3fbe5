/** Harness 3: end-to-end delivery latency and throughput at fixed offered rates. */
package io.hookstream.benchmarks.delivery;
