/** Streaming internals (JSON renderers, the in-JVM bus): unsupported, may change without notice. */
package io.hookstream.stream.internal;
