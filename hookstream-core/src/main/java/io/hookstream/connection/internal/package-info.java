/** Connection internals: unsupported, and may change without notice. */
package io.hookstream.connection.internal;
