/** Routing internals (field paths, rule predicates, the dashjoin JSONata adapter): unsupported, and may change without notice. */
package io.hookstream.routing.internal;
