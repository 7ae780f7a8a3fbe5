/** Ingest pipeline steps: unsupported, and may change without notice. */
package io.hookstream.ingest.internal;
