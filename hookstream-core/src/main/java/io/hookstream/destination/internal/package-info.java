/** Destination internals: unsupported, and may change without notice. */
package io.hookstream.destination.internal;
