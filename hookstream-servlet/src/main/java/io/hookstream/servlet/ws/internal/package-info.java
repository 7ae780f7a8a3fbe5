/** The WebSocket endpoints' internals: unsupported, may change without notice. */
package io.hookstream.servlet.ws.internal;
