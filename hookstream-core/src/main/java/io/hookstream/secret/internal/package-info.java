/** Secret internals: unsupported, and may change without notice. */
package io.hookstream.secret.internal;
