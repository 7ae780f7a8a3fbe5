/** Event internals: unsupported, and may change without notice. */
package io.hookstream.event.internal;
