/** What several harnesses share: databases, payloads, latency recording, timing. */
package io.hookstream.benchmarks.support;
