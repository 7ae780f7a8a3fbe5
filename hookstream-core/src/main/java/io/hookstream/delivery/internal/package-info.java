/** Delivery scheduler internals: unsupported, and may change without notice. */
package io.hookstream.delivery.internal;
