/** Routing internals: unsupported, and may change without notice. */
package io.hookstream.routing.internal;
