/** Source internals: unsupported, and may change without notice. */
package io.hookstream.source.internal;
