/** Harness 1: HTTP ingest through the servlet against a bare servlet in the same Jetty. */
package io.hookstream.benchmarks.http;
