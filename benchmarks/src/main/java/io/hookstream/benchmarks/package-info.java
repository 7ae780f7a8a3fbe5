/** The benchmark runner: modes, the summary table, the list of harnesses. */
package io.hookstream.benchmarks;
