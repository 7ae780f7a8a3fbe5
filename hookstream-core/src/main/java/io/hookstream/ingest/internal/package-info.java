/** Ingest pipeline steps and their helpers: unsupported, and may change without notice. */
package io.hookstream.ingest.internal;
