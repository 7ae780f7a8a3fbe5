/** Harness 6: store query cost as the events table grows from 10^4 to 10^6 rows. */
package io.hookstream.benchmarks.growth;
