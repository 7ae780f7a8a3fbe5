/** The ingest pipeline's steps: unsupported, and may change without notice. */
package io.hookstream.ingest.internal;
