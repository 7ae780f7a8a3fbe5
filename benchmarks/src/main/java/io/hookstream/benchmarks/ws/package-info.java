/** Harness 4: WebSocket fan-out to many subscribers, and heap per idle connection. */
package io.hookstream.benchmarks.ws;
