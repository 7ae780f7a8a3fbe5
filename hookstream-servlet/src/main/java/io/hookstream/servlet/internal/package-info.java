/** The servlet binding's implementation: unsupported, may change. */
package io.hookstream.servlet.internal;
