/** Harness 5: the cost of routing one event (filters, JSONata) against parsing it. */
package io.hookstream.benchmarks.routing;
